package org.feedmesh.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.feedmesh.agent.sync.JournalPage;
import org.feedmesh.agent.sync.ServerApi;
import org.feedmesh.feedsync.Item;
import org.feedmesh.platform.config.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code feedmesh status}: what the server knows about this endpoint's namespace: every endpoint,
 * how far it has applied the journal, the LAN peers it sees, and whether this endpoint's own
 * recent changes have reached the others.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a namespace's endpoints and the delivery state of this endpoint's recent changes.",
      "For each endpoint: online, applied cursor, lag, LAN peers. Uses the same options as `agent`."
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--server", split = ",", paramLabel = "URL", description = "Feed server URL (first is used).")
  List<URI> servers;

  @Option(names = "--token", paramLabel = "TOKEN", description = "This endpoint's token.")
  String token;

  @Option(names = "--namespace", paramLabel = "NS", description = "The namespace.")
  String namespace;

  @Option(names = "--recent", defaultValue = "20", description = "How many of this endpoint's recent changes to show. Default: ${DEFAULT-VALUE}.")
  int recent;

  @Option(names = {"--folder", "--state"}, paramLabel = "DIR",
      description = "The agent's folder (or --state directory): also show what that agent sees on the LAN.")
  java.nio.file.Path folder;

  @Override
  public Integer call() throws Exception {
    if (servers == null || token == null || namespace == null) {
      throw new ParameterException(spec.commandLine(), "--server, --token and --namespace are required");
    }
    PrintWriter out = spec.commandLine().getOut();
    OkHttpClient http = new OkHttpClient();
    try {
      ServerApi api = new ServerApi(http, servers.get(0), token, namespace, Clock.systemUTC());
      String me = api.whoami();
      long last = api.lastCursor();
      out.printf("endpoint %s, namespace %s, journal cursor %d%n%n", me, namespace, last);
      out.printf("%-24s %-8s %10s %8s  %s%n", "ENDPOINT", "STATE", "APPLIED", "LAG", "LAST SEEN / LAN PEERS");
      JsonNode peers = api.getJson("namespaces", namespace, "endpoints");
      for (JsonNode p : peers) {
        long applied = p.path("appliedCursor").asLong();
        String seen = p.path("lastSeen").asText("never");
        out.printf("%-24s %-8s %10d %8d  %s%s%n", shorten(p.path("id").asText()),
            p.path("online").asBoolean(!"never".equals(seen)) ? "online" : "offline",
            applied, Math.max(0, last - applied), seen, lanPeers(p));
      }
      out.println();
      long since = Math.max(0, last - 500);
      JournalPage page = api.changes(since, 0);
      List<Item> mine = page.items().stream().filter(i -> me.equals(i.topmost().by())).toList();
      int from = Math.max(0, mine.size() - recent);
      out.printf("this endpoint's recent changes (%d):%n", mine.size() - from);
      for (Item i : mine.subList(from, mine.size())) {
        JsonNode st = api.getJson("feeds", namespace, "items", i.id(), "status");
        int delivered = 0;
        int total = 0;
        for (JsonNode e : st.path("endpoints")) {
          if (e.path("endpoint").asText().equals(me)) {
            continue;
          }
          total++;
          if (e.path("current").asBoolean() && "applied".equals(e.path("result").asText())) {
            delivered++;
          }
        }
        for (JsonNode p : st.path("pending")) {
          if (!p.asText().equals(me)) {
            total++;
          }
        }
        String path = i.payload().file() == null ? i.id() : i.payload().file().path();
        out.printf("  %-40s v%-4d %s  delivered to %d of %d%n", path, i.updates(),
            i.isDeleted() ? "deleted" : "       ", delivered, total);
      }
      localStatus(out);
      out.flush();
      return 0;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private void localStatus(PrintWriter out) throws java.io.IOException {
    if (folder == null) {
      return;
    }
    java.nio.file.Path file = folder.resolve("status.json");
    if (!java.nio.file.Files.exists(file)) {
      file = folder.resolve(".feedmesh").resolve("status.json");
    }
    if (!java.nio.file.Files.exists(file)) {
      out.printf("%nno agent status in %s (is an agent running on that folder?)%n", folder);
      return;
    }
    JsonNode st = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    out.printf("%nthis agent (as of %s): applied cursor %d, %d file(s) waiting for content,"
            + " %d change(s) waiting to be published, received %s%n",
        st.path("updated").asText(), st.path("appliedCursor").asLong(), st.path("waitingForContent").asInt(),
        st.path("waitingToPublish").asLong(), st.path("received"));
    out.printf("LAN peers seen (%d):%n", st.path("lanPeers").size());
    for (JsonNode l : st.path("lanPeers")) {
      out.printf("  %-24s %-28s cursors %s%n", shorten(l.path("endpoint").asText()), l.path("address").asText(),
          l.path("cursors"));
    }
  }

  private static String lanPeers(JsonNode p) {
    JsonNode lan = p.path("lanPeers");
    if (!lan.isArray() || lan.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" LAN:");
    for (JsonNode l : lan) {
      b.append(' ').append(shorten(l.path("endpoint").asText())).append('@').append(l.path("cursors").toString());
    }
    return b.toString();
  }

  private static String shorten(String s) {
    return s.length() > 24 ? s.substring(0, 23) + "…" : s;
  }
}
