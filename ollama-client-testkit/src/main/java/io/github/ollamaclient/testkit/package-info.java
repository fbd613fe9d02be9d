/**
 * A fake Ollama HTTP server for tests: no Docker, no model weights.
 *
 * <p>{@link io.github.ollamaclient.testkit.FakeOllama} speaks Ollama's native API on a loopback
 * port, answers with scripted {@link io.github.ollamaclient.testkit.Reply replies} streamed token
 * by token, injects {@link io.github.ollamaclient.testkit.Fault faults}, and records every {@link
 * io.github.ollamaclient.testkit.RecordedRequest request}. It builds its answers from the wire
 * format, not from the client's types, so it checks the client rather than mirroring it.
 *
 * <pre>{@code
 * @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");
 *
 * @Test void answers() {
 *   ollama.model("llama3.2").reply(Reply.text("Hi there"));
 *   // point your OllamaClient at ollama.baseUrl(), call it, then:
 *   assertThat(ollama.lastRequest().lastUserMessage()).isEqualTo("Hello");
 * }
 * }</pre>
 */
package io.github.ollamaclient.testkit;
