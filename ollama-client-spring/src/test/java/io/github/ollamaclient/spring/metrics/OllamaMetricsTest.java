package io.github.ollamaclient.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OllamaMetricsTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(OllamaAutoConfigurations.all())
          .withBean(SimpleMeterRegistry.class);

  @Test
  void timesASuccessfulCallWithBoundedTags() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              Timer timer =
                  context
                      .getBean(MeterRegistry.class)
                      .get("ollama.client.requests")
                      .tag("operation", "version")
                      .tag("model", "none")
                      .tag("outcome", "success")
                      .tag("exception", "none")
                      .tag("streamed", "false")
                      .timer();
              assertThat(timer.count()).isEqualTo(1);
              assertThat(timer.getId().getTags()).hasSize(5);
            });
  }

  @Test
  void timesAFailedCallWithItsExceptionClass() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(500, "{\"error\":\"out of memory\"}");
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).version())
                  .isInstanceOf(OllamaHttpException.class);
              Timer timer =
                  context
                      .getBean(MeterRegistry.class)
                      .get("ollama.client.requests")
                      .tag("outcome", "error")
                      .tag("exception", "OllamaHttpException")
                      .timer();
              assertThat(timer.count()).isEqualTo(1);
            });
  }

  @Test
  void countsPromptAndCompletionTokensFromTheFinalStatistics() {
    contextRunner.run(
        context -> {
          OllamaListener listener = context.getBean(OllamaMetricsListener.class);
          listener.onCallFinished(chatEvent(12, 34));
          listener.onCallFinished(chatEvent(8, 6));
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(tokens(registry, "prompt")).isEqualTo(20);
          assertThat(tokens(registry, "completion")).isEqualTo(40);
          assertThat(
                  registry
                      .get("ollama.client.requests")
                      .tag("model", "llama3.2")
                      .tag("streamed", "true")
                      .timer()
                      .count())
              .isEqualTo(2);
        });
  }

  @Test
  void recordsBesideTheApplicationsOwnListener() {
    List<CallEvent> heard = new CopyOnWriteArrayList<>();
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(OllamaListener.class, () -> heard::add)
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();
              assertThat(heard).hasSize(1);
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get("ollama.client.requests")
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void recordsNothingWithoutMicrometer() {
    contextRunner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              assertThat(context).doesNotHaveBean(OllamaMetricsListener.class);
            });
  }

  @Test
  void recordsNothingWithoutAMeterRegistryBean() {
    new ApplicationContextRunner()
        .withConfiguration(OllamaAutoConfigurations.all())
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              assertThat(context).doesNotHaveBean(OllamaMetricsListener.class);
            });
  }

  private static double tokens(MeterRegistry registry, String type) {
    return registry
        .get("ollama.client.tokens")
        .tag("operation", "chat")
        .tag("model", "llama3.2")
        .tag("type", type)
        .counter()
        .count();
  }

  private static CallEvent chatEvent(int promptTokens, int completionTokens) {
    Metrics metrics =
        new Metrics(
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            promptTokens,
            Duration.ofMillis(200),
            completionTokens,
            Duration.ofSeconds(1));
    return new CallEvent(
        "chat",
        "POST",
        "/api/chat",
        Optional.of("llama3.2"),
        true,
        Duration.ofSeconds(2),
        CallEvent.Outcome.SUCCESS,
        Optional.empty(),
        Optional.of(metrics));
  }
}
