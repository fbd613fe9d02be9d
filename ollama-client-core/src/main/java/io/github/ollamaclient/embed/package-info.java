/**
 * Embeddings: {@code POST /api/embed} ({@link io.github.ollamaclient.embed.EmbedRequest}, {@link
 * io.github.ollamaclient.embed.EmbedResponse}) turns one or many texts into vectors, and the legacy
 * {@code POST /api/embeddings} ({@link io.github.ollamaclient.embed.EmbeddingsRequest}, {@link
 * io.github.ollamaclient.embed.EmbeddingsResponse}) that Ollama superseded with it.
 *
 * <pre>{@code
 * EmbedResponse response = client.embed(EmbedRequest.builder("all-minilm")
 *     .inputs(List.of("Why is the sky blue?", "Why is the grass green?"))
 *     .build());
 * float[] first = response.embeddings().get(0);
 * }</pre>
 *
 * <p>Vectors are {@code float[]}, decoded straight from the JSON numbers without boxing.
 */
package io.github.ollamaclient.embed;
