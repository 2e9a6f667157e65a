package org.feedmesh.platform.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A right on one namespace. */
public enum Access {
  @JsonProperty("read")
  READ,
  @JsonProperty("write")
  WRITE
}
