package org.feedmesh.server.atompub;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Namespace;

/**
 * {@code GET /service}: the AtomPub service document (RFC 5023 section 8). One workspace; one
 * collection per namespace the caller may read, at {@code /feeds/{ns}}. Collections the caller may
 * write accept Atom entries; read-only ones carry an empty {@code app:accept}, which RFC 5023 says
 * means "no POST".
 */
@Path("service")
public final class ServiceResource {
  public static final String MEDIA_TYPE = "application/atomsvc+xml";
  static final String APP = "http://www.w3.org/2007/app";
  static final String ATOM = "http://www.w3.org/2005/Atom";

  private final AccountStore accounts;
  private final Optional<URI> publicUrl;
  private final XMLOutputFactory xml = XMLOutputFactory.newFactory();

  public ServiceResource(AccountStore accounts, Optional<URI> publicUrl) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
  }

  @GET
  @Produces(MEDIA_TYPE + ";charset=utf-8")
  public StreamingOutput service(@Context Caller caller, @Context UriInfo uri) {
    URI base = publicUrl.orElse(uri.getBaseUri());
    List<Namespace> visible =
        accounts.namespaces().stream().filter(n -> caller.canRead(n.name())).toList();
    return out -> {
      try {
        XMLStreamWriter w = xml.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.setDefaultNamespace(APP);
        w.writeStartElement(APP, "service");
        w.writeDefaultNamespace(APP);
        w.writeNamespace("atom", ATOM);
        w.writeStartElement(APP, "workspace");
        text(w, "FeedMesh");
        for (Namespace n : visible) {
          w.writeStartElement(APP, "collection");
          w.writeAttribute("href", base.resolve("feeds/" + n.name()).toString());
          text(w, n.name());
          w.writeStartElement(APP, "accept");
          if (caller.canWrite(n.name())) {
            w.writeCharacters("application/atom+xml;type=entry");
          }
          w.writeEndElement();
          w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
      } catch (XMLStreamException e) {
        throw new IOException("writing the service document failed", e);
      }
    };
  }

  private static void text(XMLStreamWriter w, String title) throws XMLStreamException {
    w.writeStartElement("atom", "title", ATOM);
    w.writeCharacters(title);
    w.writeEndElement();
  }
}
