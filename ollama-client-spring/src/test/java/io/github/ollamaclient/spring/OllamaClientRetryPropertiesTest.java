package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code ollama.retry.*} and {@code ollama.first-chunk-timeout} properties, as behaviour. */
class OllamaClientRetryPropertiesTest {
  private static final String BUSY = "{\"error\":\"server busy, please try again\"}";
  private static final String CHUNK =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"tok\"},\"done\":false}";
  private static final String FINAL =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:01Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\".\"},\"done\":true,"
          + "\"done_reason\":\"stop\"}";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  @Test
  void retriesABusyServerByDefault() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(503, BUSY);
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(ollama.requestCount()).isEqualTo(2);
            });
  }

  @Test
  void throwsTheFirstBusyAnswerWhenRetriesAreDisabled() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.retry.enabled=false")
        .run(
            context -> {
              ollama.enqueue(503, BUSY);
              ollama.enqueueVersion("0.12.6");
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOfSatisfying(
                      OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
              assertThat(ollama.requestCount()).isEqualTo(1);
            });
  }

  @Test
  void givesUpAfterMaxAttempts() {
    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.retry.max-attempts=2",
            "ollama.retry.initial-backoff=10ms")
        .run(
            context -> {
              for (int i = 0; i < 3; i++) {
                ollama.enqueue(503, BUSY);
              }
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaHttpException.class)
                  .hasMessageContaining("gave up after 2 attempts");
              assertThat(ollama.requestCount()).isEqualTo(2);
            });
  }

  @Test
  void waitsAtLeastHalfTheInitialBackoffBeforeRetrying() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.retry.initial-backoff=1200ms")
        .run(
            context -> {
              ollama.enqueue(503, BUSY);
              ollama.enqueueVersion("0.12.6");
              long start = System.nanoTime();
              context.getBean(OllamaClient.class).version();
              // Jitter waits between half and all of the backoff; the default 500 ms could not
              // reach 600 ms.
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isGreaterThanOrEqualTo(Duration.ofMillis(600));
              assertThat(ollama.requestCount()).isEqualTo(2);
            });
  }

  @Test
  void capsEachWaitAtTheMaxBackoff() {
    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.retry.max-attempts=6",
            "ollama.retry.initial-backoff=200ms",
            "ollama.retry.max-backoff=200ms",
            "ollama.retry.max-elapsed=2s")
        .run(
            context -> {
              for (int i = 0; i < 5; i++) {
                ollama.enqueue(503, BUSY);
              }
              ollama.enqueueVersion("0.12.6");
              // Five waits of at most 200 ms fit the 2 s budget; doubling without the cap (100 ms
              // up to 3.2 s) would not, and the fifth retry would never be sent.
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(ollama.requestCount()).isEqualTo(6);
            });
  }

  @Test
  void makesNoRetryWhoseWaitWouldPassTheMaxElapsed() {
    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.retry.initial-backoff=2s",
            "ollama.retry.max-backoff=2s",
            "ollama.retry.max-elapsed=500ms")
        .run(
            context -> {
              ollama.enqueue(503, BUSY);
              ollama.enqueueVersion("0.12.6");
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOfSatisfying(
                      OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
              assertThat(ollama.requestCount()).isEqualTo(1);
            });
  }

  @Test
  void retriesTheConfiguredStatuses() {
    contextRunner
        .withPropertyValues(
            ollama.baseUrlProperty(),
            "ollama.retry.statuses=502,503",
            "ollama.retry.initial-backoff=10ms")
        .run(
            context -> {
              ollama.enqueue(502, "{\"error\":\"bad gateway\"}");
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(ollama.requestCount()).isEqualTo(2);
            });
  }

  @Test
  void retriesOnlyTheConfiguredStatuses() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.retry.statuses=502")
        .run(
            context -> {
              ollama.enqueue(503, BUSY);
              ollama.enqueueVersion("0.12.6");
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaHttpException.class);
              assertThat(ollama.requestCount()).isEqualTo(1);
            });
  }

  @Test
  void endsAStreamWhoseFirstLineDoesNotComeWithinTheFirstChunkTimeout() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.first-chunk-timeout=300ms")
        .run(
            context -> {
              ollama.enqueueNdjsonAfter(Duration.ofSeconds(3), CHUNK, FINAL);
              long start = System.nanoTime();
              // The default read timeout is 10 minutes: only the first-chunk limit ends this early.
              try (ResponseStream<ChatResponse> stream =
                  context.getBean(OllamaClient.class).chatStream(chat())) {
                assertThatThrownBy(stream::aggregate)
                    .isInstanceOf(OllamaTimeoutException.class)
                    .hasMessageContaining("first-chunk timeout (300 ms)");
              }
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(2));
            });
  }

  @Test
  void leavesAStreamWithoutFirstChunkLimitByDefault() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjsonAfter(Duration.ofMillis(500), CHUNK, FINAL);
              try (ResponseStream<ChatResponse> stream =
                  context.getBean(OllamaClient.class).chatStream(chat())) {
                assertThat(stream.aggregate().message().content()).isEqualTo("tok.");
              }
            });
  }

  @Test
  void defaultsToTheDefaultRetryPolicy() {
    assertThat(OllamaClientAutoConfiguration.retryPolicy(new OllamaClientProperties.Retry()))
        .isEqualTo(RetryPolicy.defaults());
  }

  @Test
  void bindsEveryRetryPropertyIntoThePolicy() {
    contextRunner
        .withPropertyValues(
            "ollama.retry.max-attempts=5",
            "ollama.retry.initial-backoff=1s",
            "ollama.retry.max-backoff=20s",
            "ollama.retry.max-elapsed=2m",
            "ollama.retry.statuses=502,503")
        .run(
            context -> {
              OllamaClientProperties.Retry retry =
                  context.getBean(OllamaClientProperties.class).getRetry();
              assertThat(retry.getStatuses()).isEqualTo(Set.of(502, 503));
              assertThat(OllamaClientAutoConfiguration.retryPolicy(retry))
                  .isEqualTo(
                      RetryPolicy.builder()
                          .maxAttempts(5)
                          .initialBackoff(Duration.ofSeconds(1))
                          .maxBackoff(Duration.ofSeconds(20))
                          .maxElapsed(Duration.ofMinutes(2))
                          .noStatusRetries()
                          .retryOnStatus(502, 503)
                          .build());
            });
  }

  @Test
  void turnsRetriesOffWhenDisabledWhateverTheOtherSettings() {
    contextRunner
        .withPropertyValues("ollama.retry.enabled=false", "ollama.retry.max-attempts=5")
        .run(
            context ->
                assertThat(
                        OllamaClientAutoConfiguration.retryPolicy(
                            context.getBean(OllamaClientProperties.class).getRetry()))
                    .isEqualTo(RetryPolicy.none()));
  }

  @Test
  void retriesNoStatusWhenTheStatusesAreEmpty() {
    contextRunner
        .withPropertyValues("ollama.retry.statuses=")
        .run(
            context ->
                assertThat(
                        OllamaClientAutoConfiguration.retryPolicy(
                                context.getBean(OllamaClientProperties.class).getRetry())
                            .retryStatuses())
                    .isEmpty());
  }

  private static ChatRequest chat() {
    return ChatRequest.builder("llama3.2").message(Message.user("Hi")).build();
  }
}
