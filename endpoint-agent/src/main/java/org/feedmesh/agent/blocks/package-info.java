/**
 * Content-defined blocks: a FastCDC-style {@link org.feedmesh.agent.blocks.Chunker} (gear hash,
 * normalised chunking, 256 KiB / 1 MiB / 4 MiB by default) and the {@link
 * org.feedmesh.agent.blocks.FileHasher} that streams a file once to get its blob id (SHA-256 of the
 * whole content) and the SHA-256 of every block. Every agent must use the same parameters and the
 * same gear table, or equal content would not give equal blocks.
 */
package org.feedmesh.agent.blocks;
