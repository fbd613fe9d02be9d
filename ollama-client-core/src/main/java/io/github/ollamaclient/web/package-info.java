/**
 * Web search and fetch through ollama.com, for grounding a model's answer in current pages: {@link
 * io.github.ollamaclient.web.WebSearchResponse} and {@link
 * io.github.ollamaclient.web.WebFetchResponse}.
 *
 * <p>Two ways lead there, with the same answers. {@code webSearch} and {@code webFetch} go to the
 * cloud directly ({@code https://ollama.com}, or the builder's {@code cloudBaseUrl}) and need an
 * API key ({@code OLLAMA_API_KEY} or {@code OllamaClient.builder().apiKey(...)}). {@code
 * experimentalWebSearch} and {@code experimentalWebFetch} go to the Ollama server's relay, which
 * signs in to ollama.com as the server's own account ({@code ollama signin}): no key, but a
 * signed-in server.
 *
 * <pre>{@code
 * for (WebSearchResult hit : client.webSearch("ollama new engine", 3).results()) {
 *   System.out.println(hit.title() + " " + hit.url());
 * }
 * WebFetchResponse page = client.webFetch("https://ollama.com");
 * }</pre>
 */
package io.github.ollamaclient.web;
