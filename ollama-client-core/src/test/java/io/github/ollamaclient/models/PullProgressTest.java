package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PullProgressTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static ProgressResponse layer(String digest, long total, long completed) {
    return new ProgressResponse(
        "pulling " + digest,
        Optional.of(digest),
        OptionalLong.of(total),
        completed < 0 ? OptionalLong.empty() : OptionalLong.of(completed));
  }

  private static ProgressResponse status(String status) {
    return new ProgressResponse(
        status, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void sumsInterleavedLayersIntoOneFigure() {
    PullProgress p =
        PullProgress.start(at(0))
            .next(status("pulling manifest"), at(0))
            .next(layer("sha256:a", 1000, -1), at(0))
            .next(layer("sha256:b", 3000, 0), at(0))
            .next(layer("sha256:a", 1000, 500), at(1))
            .next(layer("sha256:b", 3000, 1500), at(2));

    assertThat(p.layers()).isEqualTo(2);
    assertThat(p.completedBytes()).isEqualTo(2000);
    assertThat(p.totalBytes()).isEqualTo(4000);
    assertThat(p.fraction().getAsDouble()).isCloseTo(0.5, within(1e-9));
    // 2000 bytes in the 2 s since the line before the first byte moved.
    assertThat(p.bytesPerSecond().getAsDouble()).isCloseTo(1000.0, within(1e-9));
    assertThat(p.eta()).contains(Duration.ofSeconds(2));
    assertThat(p.status()).isEqualTo("pulling sha256:b");
    assertThat(p.elapsed()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aLayerAppearingLateGrowsTheTotalAndTheFractionStepsBack() {
    PullProgress first =
        PullProgress.start(at(0))
            .next(layer("sha256:a", 1000, 0), at(0))
            .next(layer("sha256:a", 1000, 1000), at(1));
    assertThat(first.fraction().getAsDouble()).isEqualTo(1.0);
    assertThat(first.layersComplete()).isTrue();
    assertThat(first.eta()).contains(Duration.ZERO);

    PullProgress later = first.next(layer("sha256:b", 3000, 0), at(1));

    assertThat(later.totalBytes()).isEqualTo(4000);
    assertThat(later.fraction().getAsDouble()).isCloseTo(0.25, within(1e-9));
    assertThat(later.layersComplete()).isFalse();
    assertThat(later.eta()).contains(Duration.ofSeconds(3));
    // Immutable: the earlier value is unchanged.
    assertThat(first.totalBytes()).isEqualTo(1000);
  }

  @Test
  void bytesAlreadyOnDiskFromAResumedPullDoNotCountTowardsTheRate() {
    PullProgress p =
        PullProgress.start(at(0))
            .next(layer("sha256:a", 10_000, 9_000), at(0))
            .next(layer("sha256:a", 10_000, 9_500), at(5));

    assertThat(p.completedBytes()).isEqualTo(9_500);
    assertThat(p.bytesPerSecond().getAsDouble()).isCloseTo(100.0, within(1e-9));
    assertThat(p.eta()).contains(Duration.ofSeconds(5));
  }

  @Test
  void beforeAnyByteThereIsNoFractionRateOrEta() {
    PullProgress p = PullProgress.start(at(0)).next(status("pulling manifest"), at(1));

    assertThat(p.fraction()).isEmpty();
    assertThat(p.bytesPerSecond()).isEmpty();
    assertThat(p.eta()).isEmpty();
    assertThat(p.layersComplete()).isFalse();
    assertThat(p.status()).isEqualTo("pulling manifest");
  }

  @Test
  void aLineReportingFewerBytesDoesNotMoveALayerBack() {
    PullProgress p =
        PullProgress.start(at(0))
            .next(layer("sha256:a", 1000, 0), at(0))
            .next(layer("sha256:a", 1000, 800), at(1))
            .next(layer("sha256:a", 1000, 300), at(2));

    assertThat(p.completedBytes()).isEqualTo(800);
  }
}
