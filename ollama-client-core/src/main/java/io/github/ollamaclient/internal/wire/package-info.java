/**
 * The two hand-written JSON readers that remain, each for a measured or stated need: {@code
 * EmbedBodyDecoder}, the embeddings read straight from the body's bytes (3-4x faster than Jackson's
 * best route on a 1 MiB answer), and {@code RequestReader}, Ollama's request JSON checked field by
 * field for {@code OllamaJson.read}. Every other answer is read by Jackson through the records' own
 * creators. Not public API: it may change in any release.
 */
package io.github.ollamaclient.internal.wire;
