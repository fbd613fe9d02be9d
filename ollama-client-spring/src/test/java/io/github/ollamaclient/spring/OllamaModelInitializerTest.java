package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.models.ProgressResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code ollama.init.*}: the application's models pulled at start-up, as the strategy says. */
class OllamaModelInitializerTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  private static final String[] PULL = {
    "{\"status\":\"pulling manifest\"}",
    "{\"status\":\"pulling 6a0746a1ec1a\",\"digest\":\"sha256:6a0746a1ec1a\",\"total\":200,"
        + "\"completed\":100}",
    "{\"status\":\"pulling 6a0746a1ec1a\",\"digest\":\"sha256:6a0746a1ec1a\",\"total\":200,"
        + "\"completed\":200}",
    "{\"status\":\"success\"}"
  };

  private void enqueueMissing() {
    ollama.enqueue(404, "{\"error\":\"model 'llama3.2' not found\"}");
  }

  @Test
  void neverPullsByDefault() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.model=llama3.2")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(ollama.requestCount()).isZero();
            });
  }

  @Test
  void whenMissingPullsTheModelTheServerLacks() {
    enqueueMissing();
    ollama.enqueueNdjsonAfter(Duration.ZERO, PULL);

    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.model=llama3.2",
            "ollama.init.pull-model-strategy=when-missing")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/show");
              RecordedRequest pull = ollama.takeRequest();
              assertThat(pull.getTarget()).isEqualTo("/api/pull");
              assertThat(pull.getBody().utf8()).contains("\"model\":\"llama3.2\"");
            });
  }

  @Test
  void whenMissingLeavesAModelTheServerHasAlone() {
    ollama.enqueue(200, "{\"modelfile\":\"FROM x\",\"details\":{\"family\":\"llama\"}}");

    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.init.models=llama3.2",
            "ollama.init.pull-model-strategy=when-missing")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(ollama.requestCount()).isOne();
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/show");
            });
  }

  @Test
  void alwaysPullsWithoutAsking() {
    ollama.enqueueNdjsonAfter(Duration.ZERO, PULL);

    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.model=llama3.2",
            "ollama.init.pull-model-strategy=always")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/pull");
            });
  }

  @Test
  void aPullThatFailsHalfWayStopsTheStartNamingTheModel() {
    enqueueMissing();
    ollama.enqueueNdjsonAfter(
        Duration.ZERO, PULL[0], PULL[1], "{\"error\":\"read tcp: connection reset by peer\"}");

    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.model=llama3.2",
            "ollama.init.pull-model-strategy=when-missing")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "Could not pull model llama3.2"
                            + " (ollama.init.pull-model-strategy=when-missing)")
                    .hasStackTraceContaining("connection reset by peer"));
  }

  @Test
  void progressIsLoggedInWholePercentsOfTheWholeModelOnceEach() {
    List<String> logged = new ArrayList<>();
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    OllamaModelInitializer.Percent percent =
        new OllamaModelInitializer.Percent("m", logged::add, clock);

    for (long completed : new long[] {0, 1_000, 2_000, 500_000, 504_000, 999_000, 1_000_000}) {
      percent.accept(layer("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaa", completed, 1_000_000));
      now[0] = now[0].plusSeconds(1);
    }
    // A second layer named late: the whole model is 4 MB, a quarter of it done.
    percent.accept(layer("sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbb", 0, 3_000_000));
    percent.accept(layer("sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbb", 10_000, 3_000_000));
    percent.accept(
        new ProgressResponse(
            "success", Optional.empty(), OptionalLong.empty(), OptionalLong.empty()));

    assertThat(logged)
        .containsExactly(
            "Pulling model m: 0% of 1.0 MB",
            "Pulling model m: 50% of 1.0 MB, 0.2 MB/s, 3 s left",
            "Pulling model m: 99% of 1.0 MB, 0.2 MB/s, 1 s left",
            "Pulling model m: 100% of 1.0 MB, 0.2 MB/s",
            "Pulling model m: 25% of 4.0 MB, 0.1 MB/s, 21 s left");
  }

  private static ProgressResponse layer(String digest, long completed, long total) {
    return new ProgressResponse(
        "pulling", Optional.of(digest), OptionalLong.of(total), OptionalLong.of(completed));
  }
}
