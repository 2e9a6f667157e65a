/**
 * Tokens and authentication shared by every server: random {@code fm_} tokens stored as SHA-256
 * hashes ({@link org.feedmesh.platform.auth.Tokens}), the {@link org.feedmesh.platform.auth.Caller}
 * a token stands for, and the Jersey filter that turns {@code Authorization: Bearer} / Basic
 * headers into a Caller (401 otherwise). Resources check rights with {@code caller.requireRead(ns)}
 * / {@code requireWrite(ns)} (403).
 */
package org.feedmesh.platform.auth;
