package org.feedmesh.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountStoreTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;
  private Database db;
  private AccountStore store;

  @BeforeEach
  void open() throws IOException {
    db = Database.open(dir, "feedmesh");
    store = new AccountStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Photos",
        "-photos",
        ".x",
        "a b",
        "a/b",
        "ä",
        "x\u0000",
        "a1234567890123456789012345678901234567890123456789012345678901234"
      })
  void invalidNamespaceNamesAreRefusedAndNothingIsStored(String name) {
    ApiException e = assertThrows(ApiException.class, () -> store.createNamespace(name));
    assertEquals(400, e.status());
    assertTrue(store.namespaces().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "photos",
        "0",
        "a.b_c-d",
        "a12345678901234567890123456789012345678901234567890123456789012"
      })
  void validNamespaceNamesAreAccepted(String name) {
    assertEquals(name, store.createNamespace(name).name());
    assertEquals(Optional.of(new Namespace(name, NOW, 0)), store.namespace(name));
  }

  @Test
  void duplicateNamespaceIsA409() {
    store.createNamespace("photos");
    assertEquals(
        409, assertThrows(ApiException.class, () -> store.createNamespace("photos")).status());
    assertEquals(1, store.namespaces().size());
  }

  @Test
  void endpointGetsItsGrantsAndIsFoundByTokenHash() {
    store.createNamespace("photos");
    store.createNamespace("docs");
    store.createEndpoint(
        "laptop",
        null,
        Map.of("photos", Grant.readWrite(), "docs", Grant.readOnly()),
        false,
        Tokens.hash("fm_t"));
    Endpoint e = store.activeEndpointByTokenHash(Tokens.hash("fm_t")).orElseThrow();
    assertEquals("laptop", e.displayName());
    assertTrue(e.caller().canWrite("photos"));
    assertTrue(e.caller().canRead("docs"));
    assertFalse(e.caller().canWrite("docs"));
  }

  @Test
  void endpointForAnUnknownNamespaceIsRefusedAndNothingIsStored() {
    store.createNamespace("photos");
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                store.createEndpoint(
                    "laptop",
                    null,
                    Map.of("photos", Grant.readWrite(), "nope", Grant.readWrite()),
                    false,
                    Tokens.hash("fm_t")));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("'nope' does not exist"), e.getMessage());
    assertTrue(store.endpoints().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "admin", "Laptop", "lap top", "../x"})
  void invalidEndpointNamesAreRefused(String name) {
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> store.createEndpoint(name, null, Map.of(), false, Tokens.hash("fm_t")));
    assertEquals(400, e.status());
    assertTrue(store.endpoints().isEmpty());
  }

  @Test
  void duplicateEndpointIsA409EvenAfterRevocation() {
    store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_a"));
    store.revokeEndpoint("laptop");
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_b")));
    assertEquals(409, e.status());
  }

  @Test
  void revokedEndpointIsNoLongerFoundByToken() {
    store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_a"));
    Endpoint revoked = store.revokeEndpoint("laptop");
    assertEquals(Optional.of(NOW), revoked.revoked());
    assertTrue(store.activeEndpointByTokenHash(Tokens.hash("fm_a")).isEmpty());
  }

  @Test
  void announceReplacesAddressesAndNeverLowersCursors() {
    store.createNamespace("photos");
    store.createEndpoint(
        "laptop", null, Map.of("photos", Grant.readWrite()), false, Tokens.hash("fm_a"));
    store.announce("laptop", Optional.of(List.of("http://10.0.0.5:7070")), Map.of("photos", 7L));
    Endpoint e = store.announce("laptop", Optional.empty(), Map.of("photos", 3L));
    assertEquals(List.of("http://10.0.0.5:7070"), e.addresses());
    assertEquals(7, e.grants().get("photos").appliedCursor());
    assertEquals(Optional.of(NOW), e.lastSeen());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://x", "not a url", "http://", ""})
  void badPeerAddressesAreRefusedAndNothingChanges(String address) {
    store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_a"));
    ApiException e =
        assertThrows(
            ApiException.class,
            () -> store.announce("laptop", Optional.of(List.of(address)), Map.of()));
    assertEquals(400, e.status());
    assertTrue(store.requireEndpoint("laptop").addresses().isEmpty());
  }

  @Test
  void cursorForANamespaceTheEndpointCannotReadIsA403() {
    store.createNamespace("photos");
    store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_a"));
    assertEquals(
        403,
        assertThrows(
                ApiException.class,
                () -> store.announce("laptop", Optional.empty(), Map.of("photos", 1L)))
            .status());
  }

  @Test
  void grantReplacesRightsAndUngrantRemovesThem() {
    store.createNamespace("photos");
    store.createEndpoint("laptop", null, Map.of(), false, Tokens.hash("fm_a"));
    assertEquals(
        EnumSet.of(Access.READ),
        store.grant("laptop", "photos", EnumSet.of(Access.READ)).grants().get("photos").access());
    assertTrue(store.ungrant("laptop", "photos").grants().isEmpty());
    assertTrue(store.endpointsOf("photos").isEmpty());
  }

  @Test
  void accountsSurviveReopen() throws IOException {
    store.createNamespace("photos");
    store.createEndpoint(
        "laptop", "Laptop", Map.of("photos", Grant.readWrite()), true, Tokens.hash("fm_a"));
    db.close();
    db = Database.open(dir, "feedmesh");
    store = new AccountStore(db, Clock.systemUTC());
    Endpoint e = store.requireEndpoint("laptop");
    assertEquals("Laptop", e.displayName());
    assertTrue(e.relay());
    assertEquals(1, store.namespaces().size());
  }
}
