package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One block: {@code {"index": 0, "offset": 0, "size": 1048576, "hash": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlockJson(Integer index, Long offset, Integer size, String hash) {}
