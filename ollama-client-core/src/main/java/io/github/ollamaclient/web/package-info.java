/**
 * Web search and fetch through ollama.com, for grounding a model's answer in current pages: {@link
 * io.github.ollamaclient.web.WebSearchResponse} and {@link
 * io.github.ollamaclient.web.WebFetchResponse}.
 *
 * <p>These calls go to the cloud ({@code https://ollama.com}, or the builder's {@code
 * cloudBaseUrl}), not to the local server, and need an API key ({@code OLLAMA_API_KEY} or {@code
 * OllamaClient.builder().apiKey(...)}).
 *
 * <pre>{@code
 * for (WebSearchResult hit : client.webSearch("ollama new engine", 3).results()) {
 *   System.out.println(hit.title() + " " + hit.url());
 * }
 * WebFetchResponse page = client.webFetch("https://ollama.com");
 * }</pre>
 */
package io.github.ollamaclient.web;
