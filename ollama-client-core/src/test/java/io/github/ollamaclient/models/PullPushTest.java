package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.stream.ResponseStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PullPushTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String LAYER =
      "sha256:dde5aa3fc5ffc17176b5e8bdc82f587b24b2678c6c66101bf7da77af9f7ccdff";

  /** A pull as a real server streams it: manifest, one layer in three steps, then the end. */
  private static final String[] REALISTIC_PULL = {
    "{\"status\":\"pulling manifest\"}",
    "{\"status\":\"pulling dde5aa3fc5ff\",\"digest\":\"" + LAYER + "\",\"total\":2019377376}",
    "{\"status\":\"pulling dde5aa3fc5ff\",\"digest\":\""
        + LAYER
        + "\",\"total\":2019377376,\"completed\":1009688688}",
    "{\"status\":\"pulling dde5aa3fc5ff\",\"digest\":\""
        + LAYER
        + "\",\"total\":2019377376,\"completed\":2019377376}",
    "{\"status\":\"verifying sha256 digest\"}",
    "{\"status\":\"writing manifest\"}",
    "{\"status\":\"success\"}"
  };

  @Test
  void pullAsyncReportsEveryLineThenCompletesWithSuccess() throws Exception {
    ollama.enqueueNdjson(7, REALISTIC_PULL);
    List<String> statuses = new CopyOnWriteArrayList<>();

    ProgressResponse done =
        ollama
            .client()
            .pullAsync(PullRequest.builder("llama3.2").build(), p -> statuses.add(p.status()))
            .get(5, TimeUnit.SECONDS);

    assertThat(done.isSuccess()).isTrue();
    assertThat(statuses).hasSize(REALISTIC_PULL.length).startsWith("pulling manifest");
    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\":\"llama3.2\",\"stream\":true}"));
  }

  @Test
  void pushAsyncFailsWithTheMidStreamError() {
    ollama.enqueueNdjson(
        "{\"status\":\"retrieving manifest\"}", "{\"error\":\"unauthorized: access denied\"}");

    var future = ollama.client().pushAsync(PushRequest.builder("me/model:latest").build(), p -> {});

    assertThat(future)
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(OllamaStreamException.class)
        .withMessageContaining("unauthorized: access denied");
  }

  @Test
  void pullSendsTheModelWithStreamTrue() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      stream.aggregate();
    }

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/pull");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"model\":\"llama3.2\",\"stream\":true}"));
  }

  @Test
  @SuppressWarnings("deprecation") // insecure: still sent, though the server ignores it
  void pullSendsInsecureOnlyWhenAsked() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");
    PullRequest request = PullRequest.builder("registry.local/me/model:1").insecure(true).build();

    try (ResponseStream<ProgressResponse> stream = ollama.client().pull(request)) {
      stream.aggregate();
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "registry.local/me/model:1", "insecure": true, "stream": true}
                """));
  }

  @Test
  void realisticPullStreamsEveryStepInOrder() {
    ollama.enqueueNdjson(40, REALISTIC_PULL);
    List<ProgressResponse> seen = new ArrayList<>();

    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      stream.forEach(seen::add);
      assertThat(stream.finalChunk()).contains(new ProgressResponse("success", null, null, null));
    }

    assertThat(seen)
        .extracting(ProgressResponse::status)
        .containsExactly(
            "pulling manifest",
            "pulling dde5aa3fc5ff",
            "pulling dde5aa3fc5ff",
            "pulling dde5aa3fc5ff",
            "verifying sha256 digest",
            "writing manifest",
            "success");
    assertThat(seen.get(0).digest()).isEmpty();
    assertThat(seen.get(0).fraction()).isEmpty();
    assertThat(seen.get(1).digest()).contains(LAYER);
    assertThat(seen.get(1).total()).isEqualTo(OptionalLong.of(2019377376L));
    assertThat(seen.get(1).completed()).isEmpty();
    assertThat(seen.get(1).fraction()).isEqualTo(OptionalDouble.of(0.0));
    assertThat(seen.get(2).completed()).isEqualTo(OptionalLong.of(1009688688L));
    assertThat(seen.get(2).fraction().getAsDouble()).isCloseTo(0.5, within(1e-9));
    assertThat(seen.get(3).fraction()).isEqualTo(OptionalDouble.of(1.0));
    assertThat(seen.get(6).isSuccess()).isTrue();
  }

  @Test
  void aggregateOfAPullIsTheSuccessLine() {
    ollama.enqueueNdjson(REALISTIC_PULL);

    ProgressResponse done;
    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      done = stream.aggregate();
    }

    assertThat(done.status()).isEqualTo("success");
    assertThat(done.isSuccess()).isTrue();
  }

  @Test
  void documentedPullLinesDecode() {
    ollama.enqueueNdjson(
        "{\"status\": \"pulling manifest\"}",
        """
        {"status": "pulling digestname", "digest": "digestname", "total": 2142590208, \
        "completed": 241970}""",
        "{\"status\": \"verifying sha256 digest\"}",
        "{\"status\": \"writing manifest\"}",
        "{\"status\": \"removing any unused layers\"}",
        "{\"status\": \"success\"}");

    List<ProgressResponse> seen = new ArrayList<>();
    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      stream.forEach(seen::add);
    }

    assertThat(seen).hasSize(6);
    assertThat(seen.get(1))
        .isEqualTo(
            new ProgressResponse(
                "pulling digestname",
                Optional.of("digestname"),
                OptionalLong.of(2142590208L),
                OptionalLong.of(241970L)));
    assertThat(seen.get(4).status()).isEqualTo("removing any unused layers");
  }

  @Test
  void pullStreamEndingWithoutSuccessIsAProtocolError() {
    ollama.enqueueNdjson(REALISTIC_PULL[0], REALISTIC_PULL[1], REALISTIC_PULL[2]);

    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      assertThatThrownBy(stream::aggregate)
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/pull")
          .hasMessageContaining("status: success");
    }
  }

  @Test
  void errorLineInTheMiddleOfAPullIsAStreamError() {
    ollama.enqueueNdjson(
        REALISTIC_PULL[0],
        REALISTIC_PULL[1],
        "{\"error\":\"max retries exceeded: unexpected EOF\"}");
    List<ProgressResponse> seen = new ArrayList<>();

    try (ResponseStream<ProgressResponse> stream = ollama.client().pull("llama3.2")) {
      assertThatThrownBy(() -> stream.forEach(seen::add))
          .isInstanceOfSatisfying(
              OllamaStreamException.class,
              e -> {
                assertThat(e.errorMessage()).isEqualTo("max retries exceeded: unexpected EOF");
                assertThat(e.chunksDelivered()).isEqualTo(2);
              });
    }
    assertThat(seen).hasSize(2);
  }

  @Test
  void pullRejectsABlankModelByName() {
    assertThatThrownBy(() -> ollama.client().pull(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  @SuppressWarnings("deprecation") // insecure: still sent, though the server ignores it
  void pullRequestRoundTripsThroughToBuilder() {
    PullRequest request = PullRequest.builder("llama3.2").insecure(true).build();

    PullRequest copy = request.toBuilder().model("qwen3").build();

    assertThat(copy.model()).isEqualTo("qwen3");
    assertThat(copy.insecure()).isTrue();
  }

  @Test
  void pushSendsTheModelWithStreamTrue() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    try (ResponseStream<ProgressResponse> stream = ollama.client().push("mattw/pygmalion:latest")) {
      stream.aggregate();
    }

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/push");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"model\":\"mattw/pygmalion:latest\",\"stream\":true}"));
  }

  @Test
  void documentedPushLinesDecode() {
    ollama.enqueueNdjson(
        "{ \"status\": \"retrieving manifest\" }",
        """
        {"status": "starting upload", \
        "digest": "sha256:bc07c81de745696fdf5afca05e065818a8149fb0c77266fb584d9b2cba3711ab", \
        "total": 1928429856}""",
        "{\"status\":\"pushing manifest\"}",
        "{\"status\":\"success\"}");
    PushRequest request = PushRequest.builder("mattw/pygmalion:latest").insecure(true).build();
    List<ProgressResponse> seen = new ArrayList<>();

    try (ResponseStream<ProgressResponse> stream = ollama.client().push(request)) {
      stream.forEach(seen::add);
    }

    assertThat(seen)
        .extracting(ProgressResponse::status)
        .containsExactly("retrieving manifest", "starting upload", "pushing manifest", "success");
    assertThat(seen.get(1).digest())
        .contains("sha256:bc07c81de745696fdf5afca05e065818a8149fb0c77266fb584d9b2cba3711ab");
    assertThat(seen.get(1).total()).isEqualTo(OptionalLong.of(1928429856L));
    assertThat(seen.get(1).fraction()).isEqualTo(OptionalDouble.of(0.0));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                "{\"model\":\"mattw/pygmalion:latest\",\"insecure\":true,\"stream\":true}"));
  }

  @Test
  void pushRequiresANamespace() {
    assertThatThrownBy(() -> PushRequest.builder("pygmalion:latest").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model must be written namespace/model:tag")
        .hasMessageContaining("pygmalion:latest");
    assertThatThrownBy(() -> PushRequest.builder("/pygmalion").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace/model:tag");
  }

  @Test
  void pushRejectsANullModelByName() {
    assertThatThrownBy(() -> ollama.client().push((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("model");
  }

  @Test
  void fractionIsEmptyForAZeroTotal() {
    ProgressResponse line =
        new ProgressResponse("pulling", Optional.empty(), OptionalLong.of(0), OptionalLong.of(0));

    assertThat(line.fraction()).isEmpty();
    assertThat(line.isSuccess()).isFalse();
  }
}
