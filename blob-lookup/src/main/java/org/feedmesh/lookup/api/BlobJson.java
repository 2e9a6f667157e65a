package org.feedmesh.lookup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A blob with its live locators, best first; {@code blocks} absent in batch answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlobJson(
    String blobId, long size, int blockCount, List<BlockJson> blocks, List<LocatorJson> locators) {}
