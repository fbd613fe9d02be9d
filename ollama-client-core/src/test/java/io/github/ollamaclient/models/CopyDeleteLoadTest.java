package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.KeepAlive;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CopyDeleteLoadTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** "Generate a completion / Load a model" response from ollama-examples.md. */
  private static final String LOADED =
      """
      {"model": "llama3.2", "created_at": "2023-12-18T19:52:07.071755Z", "response": "",
       "done": true}
      """;

  /** "Generate a completion / Unload a model" response from ollama-examples.md. */
  private static final String UNLOADED =
      """
      {"model": "llama3.2", "created_at": "2024-09-12T03:54:03.516566Z", "response": "",
       "done": true, "done_reason": "unload"}
      """;

  private void enqueueEmptyOk() {
    ollama.enqueue(new MockResponse.Builder().code(200).build());
  }

  @Test
  void copySendsSourceAndDestination() {
    enqueueEmptyOk();

    ollama.client().copy("llama3.2", "llama3-backup");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/copy");
    assertThat(MockOllama.parse(request))
        .isEqualTo(
            MockOllama.json("{\"source\": \"llama3.2\", \"destination\": \"llama3-backup\"}"));
  }

  @Test
  void copyOfAMissingSourceIsModelNotFoundNamingTheSource() {
    ollama.enqueueJson(404, "{\"error\":\"model 'llama3.2' not found\"}");

    assertThatThrownBy(() -> ollama.client().copy("llama3.2", "llama3-backup"))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama3.2"))
        .hasMessageContaining("POST /api/copy failed with HTTP 404")
        .hasMessageContaining("ollama pull llama3.2");
  }

  @Test
  void copyRejectsABlankDestinationByName() {
    assertThatThrownBy(() -> ollama.client().copy("llama3.2", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("destination must not be blank");
    assertThatThrownBy(() -> ollama.client().copy(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("source");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void deleteSendsTheModelWithTheDeleteMethod() {
    enqueueEmptyOk();

    ollama.client().delete("llama3:13b");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getTarget()).isEqualTo("/api/delete");
    assertThat(MockOllama.parse(request)).isEqualTo(MockOllama.json("{\"model\":\"llama3:13b\"}"));
  }

  @Test
  void deleteOfAMissingModelIsModelNotFoundNamingIt() {
    ollama.enqueueJson(404, "{\"error\":\"model 'llama3:13b' not found\"}");

    assertThatThrownBy(() -> ollama.client().delete("llama3:13b"))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama3:13b"))
        .hasMessageContaining("DELETE /api/delete")
        .hasMessageContaining("model 'llama3:13b' not found");
  }

  @Test
  void deleteRejectsABlankModelByName() {
    assertThatThrownBy(() -> ollama.client().delete("\t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void loadSendsOnlyTheModelAndStreamFalse() {
    ollama.enqueueJson(LOADED);

    ollama.client().load("llama3.2");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/generate");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"model\":\"llama3.2\",\"stream\":false}"));
  }

  @Test
  void loadWithAKeepAliveSendsIt() {
    ollama.enqueueJson(LOADED);
    ollama.enqueueJson(LOADED);

    ollama.client().load("llama3.2", KeepAlive.of(Duration.ofMinutes(30)));
    ollama.client().load("llama3.2", KeepAlive.FOREVER);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json("{\"model\":\"llama3.2\",\"keep_alive\":\"30m\",\"stream\":false}"));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\":\"llama3.2\",\"keep_alive\":-1,\"stream\":false}"));
  }

  @Test
  void unloadSendsKeepAliveZeroWithoutAPrompt() {
    ollama.enqueueJson(UNLOADED);

    ollama.client().unload("llama3.2");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/generate");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"model\":\"llama3.2\",\"keep_alive\":0,\"stream\":false}"));
  }

  @Test
  void loadAnswerWithoutDoneIsAProtocolError() {
    ollama.enqueueJson("{\"model\":\"llama3.2\",\"response\":\"\",\"done\":false}");

    assertThatThrownBy(() -> ollama.client().load("llama3.2"))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("POST /api/generate to load llama3.2")
        .hasMessageContaining("without done: true");
  }

  @Test
  void unloadOfAMissingModelIsModelNotFound() {
    ollama.enqueueJson(
        404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}");

    assertThatThrownBy(() -> ollama.client().unload("llama3.2"))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama3.2"));
  }
}
