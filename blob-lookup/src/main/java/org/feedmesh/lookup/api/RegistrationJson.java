package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer to a locator PUT; {@code held} absent means the whole blob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationJson(
    String blobId,
    String endpointId,
    String namespace,
    List<List<Integer>> held,
    int heldCount,
    String registeredAt,
    String refreshedAt,
    String expiresAt,
    boolean created) {}
