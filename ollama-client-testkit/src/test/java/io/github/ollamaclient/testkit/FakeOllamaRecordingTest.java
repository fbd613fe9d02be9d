package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request is recorded and decoded for assertions. */
class FakeOllamaRecordingTest {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

  @Test
  void recordsTheDecodedChatRequest() {
    Http.send(
        HttpRequest.newBuilder(Http.uri(ollama, "/api/chat"))
            .header("Authorization", "Bearer secret")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"model": "llama3.2", "stream": false, "format": "json",
                     "options": {"temperature": 0.2, "seed": 42},
                     "messages": [{"role": "system", "content": "Be brief."},
                                  {"role": "user", "content": "Hello!"}]}
                    """))
            .build());

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/chat");
    assertThat(request.header("authorization")).hasValue("Bearer secret");
    assertThat(request.model()).isEqualTo("llama3.2");
    assertThat(request.messages()).hasSize(2);
    assertThat(request.lastUserMessage()).isEqualTo("Hello!");
    assertThat(request.userText()).isEqualTo("Hello!");
    assertThat(request.options()).isEqualTo(Http.json("{\"temperature\":0.2,\"seed\":42}"));
    assertThat(request.format()).hasValue(Http.json("\"json\""));
    assertThat(request.stream()).isFalse();
  }

  @Test
  void recordsGenerateAndOtherEndpointsInOrder() {
    Http.post(ollama, "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"Why?\"}");
    Http.get(ollama, "/api/tags");

    assertThat(ollama.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/api/generate", "/api/tags");
    assertThat(ollama.requests().get(0).prompt()).isEqualTo("Why?");
    assertThat(ollama.requests().get(0).stream()).isTrue();
    assertThat(ollama.requests().get(0).options()).isEmpty();
    assertThat(ollama.lastRequest().method()).isEqualTo("GET");
    assertThat(ollama.requestCount()).isEqualTo(2);
  }

  @Test
  void takesRequestsOneByOneOldestFirst() {
    Http.get(ollama, "/api/version");
    Http.get(ollama, "/api/ps");

    assertThat(ollama.takeRequest().path()).isEqualTo("/api/version");
    assertThat(ollama.takeRequest().path()).isEqualTo("/api/ps");
  }

  @Test
  void recordsRequestsThatAFaultAnswered() {
    ollama.failNext(Fault.htmlError(502));

    Http.post(ollama, "/api/chat", "{\"model\":\"llama3.2\",\"messages\":[]}");

    assertThat(ollama.lastRequest().model()).isEqualTo("llama3.2");
  }

  @Test
  void failsClearlyWhenNoRequestArrived() {
    assertThatThrownBy(ollama::lastRequest)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no request");
  }

  @Test
  void keepsTheRawBodyOfANonJsonRequest() {
    Http.postBytes(ollama, "/api/blobs/sha256:" + "a".repeat(64), new byte[] {1, 2, 3});

    RecordedRequest request = ollama.lastRequest();
    assertThat(request.bodyBytes()).containsExactly(1, 2, 3);
    assertThat(request.body().isMissingNode()).isTrue();
    assertThat(request.model()).isEmpty();
  }
}
