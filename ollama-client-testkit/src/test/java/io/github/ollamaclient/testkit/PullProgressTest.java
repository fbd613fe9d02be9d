package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PullProgress;
import io.github.ollamaclient.stream.ResponseStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole-pull figure over the fake's pull stream: several layers, each named when it starts. */
class PullProgressTest {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create();

  @Test
  void oneFigureAcrossLayersThatAppearOneAfterAnother() {
    OllamaClient client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
    List<PullProgress> seen = new ArrayList<>();
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    PullProgress whole = PullProgress.start(clock);
    try (client;
        ResponseStream<ProgressResponse> lines = client.pull("llama3.2")) {
      for (ProgressResponse line : lines) {
        clock = clock.plusMillis(100);
        whole = whole.next(line, clock);
        seen.add(whole);
      }
    }

    List<Long> totals = seen.stream().map(PullProgress::totalBytes).distinct().toList();
    // The fake names its weights, template, licence and params layers one after another, so the
    // total grows as each appears.
    assertThat(totals.size()).isGreaterThanOrEqualTo(3);
    assertThat(totals).isSorted();
    assertThat(whole.layers()).isEqualTo(totals.size() - 1);
    assertThat(whole.layersComplete()).isTrue();
    assertThat(whole.completedBytes()).isEqualTo(whole.totalBytes());
    assertThat(whole.status()).isEqualTo("success");
    assertThat(whole.bytesPerSecond()).isPresent();
    // A fifth of the weights layer, before the smaller layers are named: about 20%.
    assertThat(seen)
        .anySatisfy(p -> assertThat(p.fraction().orElse(-1)).isGreaterThan(0.1).isLessThan(0.3))
        .anySatisfy(p -> assertThat(p.eta()).isPresent());
  }
}
