package org.feedmesh.server.atompub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ServiceResourceTest {
  @TempDir Path data;

  @Test
  void serviceDocumentListsReadableNamespacesAndAcceptsEntriesWhereWritable() throws Exception {
    String token = Tokens.secure().newToken();
    try (FeedServer server = FeedServer.start(ServerConfig.loopback(data))) {
      server.accounts().createNamespace("photos");
      server.accounts().createNamespace("docs");
      server.accounts().createNamespace("secret");
      server
          .accounts()
          .createEndpoint(
              "laptop",
              null,
              Map.of("photos", Grant.readWrite(), "docs", Grant.readOnly()),
              false,
              Tokens.hash(token));
      Request req =
          new Request.Builder()
              .url(server.baseUri() + "service")
              .header("Authorization", "Bearer " + token)
              .build();
      try (Response r = new OkHttpClient().newCall(req).execute()) {
        assertEquals(200, r.code());
        assertTrue(r.header("Content-Type").startsWith("application/atomsvc+xml"));
        Document doc = parse(r.body().bytes());
        NodeList collections = doc.getElementsByTagNameNS(ServiceResource.APP, "collection");
        assertEquals(2, collections.getLength());
        Element docs = (Element) collections.item(0);
        assertEquals(server.baseUri() + "feeds/docs", docs.getAttribute("href"));
        assertEquals("", accept(docs));
        Element photos = (Element) collections.item(1);
        assertEquals("application/atom+xml;type=entry", accept(photos));
      }
    }
  }

  private static String accept(Element collection) {
    return collection
        .getElementsByTagNameNS(ServiceResource.APP, "accept")
        .item(0)
        .getTextContent();
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
