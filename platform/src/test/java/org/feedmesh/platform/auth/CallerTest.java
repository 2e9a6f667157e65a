package org.feedmesh.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.feedmesh.platform.http.ApiException;
import org.junit.jupiter.api.Test;

class CallerTest {
  private final Caller laptop =
      Caller.endpoint(
          "laptop",
          Map.of("photos", EnumSet.of(Access.READ, Access.WRITE), "docs", Set.of(Access.READ)),
          false);

  @Test
  void endpointHasExactlyItsGrantedRights() {
    assertTrue(laptop.canRead("photos"));
    assertTrue(laptop.canWrite("photos"));
    assertTrue(laptop.canRead("docs"));
    assertFalse(laptop.canWrite("docs"));
    assertFalse(laptop.canRead("music"));
  }

  @Test
  void missingRightIsA403NamingCallerAndNamespace() {
    ApiException e = assertThrows(ApiException.class, () -> laptop.requireWrite("docs"));
    assertEquals(403, e.status());
    assertEquals("docs", e.details().get("namespace"));
    assertEquals(403, assertThrows(ApiException.class, laptop::requireAdmin).status());
  }

  @Test
  void adminMayDoEverything() {
    Caller admin = Caller.admin();
    assertTrue(admin.canWrite("anything"));
    assertTrue(admin.mayPublishAs("laptop"));
    admin.requireAdmin();
  }

  @Test
  void endpointPublishesOnlyUnderItsOwnIdUnlessItRelays() {
    assertTrue(laptop.mayPublishAs("laptop"));
    assertFalse(laptop.mayPublishAs("phone"));
    Caller relay = Caller.endpoint("bridge", Map.of(), true);
    assertTrue(relay.mayPublishAs("phone"));
  }

  @Test
  void endpointMayNotPoseAsTheAdmin() {
    assertThrows(IllegalArgumentException.class, () -> Caller.endpoint("admin", Map.of(), false));
  }

  @Test
  void jsonFormRoundTrips() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(laptop);
    assertEquals(
        "{\"kind\":\"endpoint\",\"id\":\"laptop\",\"namespaces\":{\"docs\":[\"read\"],"
            + "\"photos\":[\"read\",\"write\"]},\"relay\":false}",
        text);
    assertEquals(laptop, json.readValue(text, Caller.class));
  }
}
