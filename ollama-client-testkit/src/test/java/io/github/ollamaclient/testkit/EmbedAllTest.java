package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.embed.EmbedProgress;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code embedAll}: a long list in batches against the fake, with progress and retries. */
class EmbedAllTest {
  private static final String MODEL = "all-minilm";

  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

  private OllamaClient client;

  @BeforeEach
  void connect() {
    client =
        OllamaClient.builder()
            .baseUrl(ollama.baseUrl())
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(5))
                    .build())
            .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static List<String> texts(int count) {
    return IntStream.range(0, count).mapToObj(i -> "sentence number " + i).toList();
  }

  @Test
  void splitsTheListKeepsTheOrderAndReportsProgressAfterEachBatch() {
    List<String> inputs = texts(250);
    List<int[]> progress = new ArrayList<>();

    EmbedResponse all =
        client.embedAll(
            EmbedRequest.builder(MODEL).inputs(inputs).dimensions(64).build(),
            100,
            (done, total) -> progress.add(new int[] {done, total}));

    assertThat(progress).extracting(p -> p[0]).containsExactly(100, 200, 250);
    assertThat(progress).extracting(p -> p[1]).containsOnly(250);
    List<RecordedRequest> batches = ollama.requests();
    assertThat(batches).hasSize(3);
    assertThat(batches)
        .extracting(r -> r.body().path("input").size())
        .containsExactly(100, 100, 50);
    assertThat(batches)
        .allSatisfy(r -> assertThat(r.body().path("dimensions").asInt()).isEqualTo(64));
    assertThat(batches.get(2).body().path("input").get(0).asText())
        .isEqualTo("sentence number 200");

    assertThat(all.model()).isEqualTo(MODEL);
    assertThat(all.embeddings()).hasSize(250);
    // The fake's vectors depend on the text only: each is the one a single call gives its input.
    for (int i : new int[] {0, 99, 100, 199, 200, 249}) {
      float[] alone =
          client
              .embed(EmbedRequest.builder(MODEL).input(inputs.get(i)).dimensions(64).build())
              .embedding();
      assertThat(all.embeddings().get(i)).as("vector %d", i).containsExactly(alone);
    }
    // The statistics are the batches' summed: prompt tokens of all 250 inputs.
    int oneCall =
        client
            .embed(EmbedRequest.builder(MODEL).inputs(inputs).build())
            .metrics()
            .orElseThrow()
            .promptEvalCount();
    assertThat(all.metrics().orElseThrow().promptEvalCount()).isEqualTo(oneCall);
  }

  @Test
  void aBatchTheServerRefusesAsBusyIsSentAgainAloneUnderTheRetryPolicy() {
    List<String> inputs = texts(30);

    EmbedResponse all =
        client.embedAll(
            EmbedRequest.builder(MODEL).inputs(inputs).build(),
            10,
            (done, total) -> {
              if (done == 10) {
                ollama.failNext(Fault.status(503, "{\"error\":\"server busy\"}"));
              }
            });

    assertThat(all.embeddings()).hasSize(30);
    List<RecordedRequest> sent = ollama.requests();
    assertThat(sent).hasSize(4);
    assertThat(sent)
        .extracting(r -> r.body().path("input").get(0).asText())
        .containsExactly(
            "sentence number 0", "sentence number 10", "sentence number 10", "sentence number 20");
    float[] eleventh =
        client.embed(EmbedRequest.builder(MODEL).input(inputs.get(10)).build()).embedding();
    assertThat(all.embeddings().get(10)).containsExactly(eleventh);
  }

  @Test
  void aBatchThatStillFailsEndsTheCallAndTheProgressSaysHowFarItGot() {
    List<Integer> progress = new ArrayList<>();

    assertThatThrownBy(
            () ->
                client.embedAll(
                    EmbedRequest.builder(MODEL).inputs(texts(30)).build(),
                    10,
                    (done, total) -> {
                      progress.add(done);
                      ollama.failNext(Fault.status(500, "{\"error\":\"out of memory\"}"));
                    }))
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("out of memory");
    assertThat(progress).containsExactly(10);
  }

  @Test
  void aBatchSizeBelowOneIsRefusedBeforeAnyCall() {
    EmbedRequest request = EmbedRequest.builder(MODEL).inputs(texts(3)).build();

    assertThatThrownBy(() -> client.embedAll(request, 0, EmbedProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be positive, was 0");
    assertThat(ollama.requests()).isEmpty();
  }
}
