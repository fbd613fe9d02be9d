/**
 * The one hand-written JSON reader that remains, for a measured need: {@code EmbedBodyDecoder}, the
 * embeddings read straight from the body's bytes (3-4x faster than Jackson's best route on a 1 MiB
 * answer). Every other answer is read by Jackson through the records' own creators, and requests
 * through their builders. Not public API: it may change in any release.
 */
package io.github.ollamaclient.internal.wire;
