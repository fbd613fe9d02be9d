/**
 * What the Ollama server knows of ollama.com: whether its cloud features are on ({@link
 * io.github.ollamaclient.cloud.StatusResponse}, from {@code GET /api/status}) and which ollama.com
 * account it is signed in as ({@link io.github.ollamaclient.cloud.UserResponse}, from {@code POST
 * /api/me}).
 *
 * <p>These describe the server, not this client: the server signs in once ({@code ollama signin})
 * and then signs its own requests to ollama.com (cloud models, the web search relay). The client's
 * API key plays no part here; it matters only for calls that go to ollama.com directly, such as
 * {@code client.webSearch(...)}.
 *
 * <pre>{@code
 * if (!client.status().cloud().disabled()) {
 *   System.out.println("signed in as " + client.me().name());
 * }
 * }</pre>
 */
package io.github.ollamaclient.cloud;
