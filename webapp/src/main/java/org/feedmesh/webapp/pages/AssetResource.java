package org.feedmesh.webapp.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.feedmesh.platform.http.ApiException;

/**
 * {@code GET /ui/assets/{name}}: the view's stylesheet, scripts and icon, read once from the jar
 * (nothing is fetched from elsewhere, nothing is built). Only the listed names exist. Browsers
 * revalidate with the ETag (a hash of the bytes), so a new jar's assets show at once.
 */
@Path("ui/assets/{name}")
public final class AssetResource {
  private static final String ROOT = "/org/feedmesh/webapp/assets/";

  /** Name to content type. */
  static final Map<String, String> TYPES =
      Map.of(
          "app.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "namespaces.js", "text/javascript; charset=utf-8",
          "namespace.js", "text/javascript; charset=utf-8",
          "item.js", "text/javascript; charset=utf-8",
          "endpoints.js", "text/javascript; charset=utf-8",
          "icon.svg", "image/svg+xml");

  private record Asset(byte[] bytes, String type, EntityTag etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  public AssetResource() {
    TYPES.forEach((name, type) -> assets.put(name, load(name, type)));
  }

  @GET
  public Response asset(
      @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    Asset a = assets.get(name);
    if (a == null) {
      throw ApiException.notFound("no asset " + name);
    }
    if (ifNoneMatch != null && ifNoneMatch.contains(a.etag().getValue())) {
      return Response.notModified(a.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
    return Response.ok(a.bytes(), a.type())
        .tag(a.etag())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .build();
  }

  private static Asset load(String name, String type) {
    try (InputStream in = AssetResource.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("asset " + name + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      String hash =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
      return new Asset(bytes, type, new EntityTag(hash));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read asset " + name, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
