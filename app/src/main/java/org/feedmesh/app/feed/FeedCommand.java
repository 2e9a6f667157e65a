package org.feedmesh.app.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.FeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.FeedMerge;
import org.feedmesh.feedsync.merge.MergeResult;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.FeedWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code feedmesh feed}: the FeedSync library on the command line, for sync feeds on disk or on
 * stdin. Works offline; talks to no server. Exit codes: 0 success, 1 a feed was refused, 2 usage.
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = "Check, convert and merge FeedSync feeds (Atom 1.0 or RSS 2.0) offline.",
    subcommands = {FeedCommand.Check.class, FeedCommand.Convert.class, FeedCommand.Merge.class})
public final class FeedCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Reads each feed with FeedMesh's safe parser and FeedSync validation and prints"
          + " a summary: format, items, deletions, items in conflict, files.",
          "Exits 1 at the first feed that is refused, saying where and why."})
  static final class Check implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FEED", description = "feed files; - for stdin")
    Path[] feeds;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      for (Path feed : feeds) {
        long items = 0;
        long deleted = 0;
        long inConflict = 0;
        long files = 0;
        try (InputStream in = open(feed); FeedReader reader = FeedReader.open(in)) {
          while (reader.hasNext()) {
            Item item = reader.next();
            items++;
            deleted += item.isDeleted() ? 1 : 0;
            inConflict += item.conflicts().isEmpty() ? 0 : 1;
            files += item.payload().file() == null ? 0 : 1;
          }
          out.printf("%s: %s, %d items (%d deleted, %d in conflict, %d files)%n",
              feed, reader.format().name().toLowerCase(java.util.Locale.ROOT), items, deleted,
              inConflict, files);
        } catch (FeedSyncException e) {
          return refused(spec, feed, e);
        }
      }
      return 0;
    }
  }

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Rewrites a feed in the other format (streaming: any size).")
  static final class Convert implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FEED", description = "feed file; - for stdin")
    Path feed;

    @Option(names = "--to", required = true, description = "atom or rss")
    FeedFormat to;

    @Option(names = {"-o", "--output"}, defaultValue = "-", description = "output file; - for stdout (default)")
    Path output;

    @Override
    public Integer call() throws IOException {
      try (InputStream in = open(feed); FeedReader reader = FeedReader.open(in);
          OutputStream os = create(output); FeedWriter writer = FeedWriter.open(os, to, reader.head())) {
        while (reader.hasNext()) {
          writer.write(reader.next());
        }
        writer.finish();
      } catch (FeedSyncException e) {
        return refused(spec, feed, e);
      }
      return 0;
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = {"Merges INCOMING into LOCAL with the FeedSync merge and writes the result;"
          + " prints on stderr what changed.",
          "LOCAL is held in memory; INCOMING is streamed."})
  static final class Merge implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "the feed merged into")
    Path local;

    @Parameters(index = "1", paramLabel = "INCOMING", description = "the feed merged in; - for stdin")
    Path incoming;

    @Option(names = "--to", description = "output format: atom or rss (default: LOCAL's)")
    FeedFormat to;

    @Option(names = {"-o", "--output"}, defaultValue = "-", description = "output file; - for stdout (default)")
    Path output;

    @Override
    public Integer call() throws IOException {
      Map<String, Item> items = new LinkedHashMap<>();
      FeedHead head;
      FeedFormat format;
      try (InputStream in = open(local); FeedReader reader = FeedReader.open(in)) {
        head = reader.head();
        format = reader.format();
        reader.forEachRemaining(i -> items.put(i.id(), i));
      } catch (FeedSyncException e) {
        return refused(spec, local, e);
      }
      long[] counts = new long[MergeResult.Outcome.values().length];
      try (InputStream in = open(incoming); FeedReader reader = FeedReader.open(in)) {
        FeedMerge.mergeEach(() -> reader, id -> Optional.ofNullable(items.get(id)), r -> {
          counts[r.outcome().ordinal()]++;
          items.put(r.item().id(), r.item());
        });
      } catch (FeedSyncException e) {
        return refused(spec, incoming, e);
      }
      try (OutputStream os = create(output);
          FeedWriter writer = FeedWriter.open(os, to == null ? format : to, head)) {
        for (Item item : items.values()) {
          writer.write(item);
        }
        writer.finish();
      }
      PrintWriter err = spec.commandLine().getErr();
      StringBuilder summary = new StringBuilder("merged " + items.size() + " items:");
      for (MergeResult.Outcome o : MergeResult.Outcome.values()) {
        summary.append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT)).append('=')
            .append(counts[o.ordinal()]);
      }
      err.println(summary);
      err.flush();
      return 0;
    }
  }

  static InputStream open(Path path) throws IOException {
    return path.toString().equals("-") ? System.in : Files.newInputStream(path);
  }

  static OutputStream create(Path path) throws IOException {
    if (path.toString().equals("-")) {
      return new java.io.FilterOutputStream(System.out) {
        @Override
        public void close() throws IOException {
          flush(); // never close stdout
        }
      };
    }
    return Files.newOutputStream(path);
  }

  static int refused(CommandSpec spec, Path feed, FeedSyncException e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(feed + ": refused: " + e.getMessage());
    err.flush();
    return 1;
  }
}
