package io.github.ollamaclient.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
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
  void recordsTheGenAiConventionsDurationAndTokenUsageHistograms() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              OllamaClient client = context.getBean(OllamaClient.class);
              ollama.enqueue(
                  200,
                  "{\"model\":\"llama3.2:latest\",\"message\":{\"role\":\"assistant\","
                      + "\"content\":\"Hi\"},\"done\":true,\"prompt_eval_count\":12,"
                      + "\"eval_count\":3}");
              client.chat(ChatRequest.builder("llama3.2").message(Message.user("Hello")).build());
              ollama.enqueue(
                  200,
                  "{\"model\":\"all-minilm\",\"embeddings\":[[0.1,0.2]],"
                      + "\"prompt_eval_count\":5}");
              client.embed(EmbedRequest.builder("all-minilm").input("Hello").build());
              ollama.enqueueVersion("0.12.6");
              client.version();
              MeterRegistry registry = context.getBean(MeterRegistry.class);

              DistributionSummary chat =
                  registry
                      .get(OllamaMetricsListener.OPERATION_DURATION)
                      .tag("gen_ai.operation.name", "chat")
                      .tag("gen_ai.provider.name", "ollama")
                      .tag("gen_ai.request.model", "llama3.2")
                      .tag("gen_ai.response.model", "llama3.2:latest")
                      .tag("server.address", URI.create(ollama.url()).getHost())
                      .tag("server.port", Integer.toString(ollama.port()))
                      .tag("error.type", "none")
                      .summary();
              assertThat(chat.count()).isEqualTo(1);
              assertThat(chat.getId().getBaseUnit()).isEqualTo("s");
              assertThat(chat.totalAmount()).isGreaterThan(0).isLessThan(10);
              assertThat(
                      Arrays.stream(chat.takeSnapshot().histogramCounts())
                          .map(CountAtBucket::bucket))
                  .containsExactly(
                      0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
                      40.96, 81.92);

              DistributionSummary input = tokenUsage(registry, "chat", "input");
              assertThat(input.getId().getBaseUnit()).isEqualTo("{token}");
              assertThat(input.totalAmount()).isEqualTo(12);
              assertThat(tokenUsage(registry, "chat", "output").totalAmount()).isEqualTo(3);
              assertThat(input.takeSnapshot().histogramCounts()).hasSize(14);
              assertThat(tokenUsage(registry, "embeddings", "input").totalAmount()).isEqualTo(5);
              assertThat(
                      registry
                          .find(OllamaMetricsListener.TOKEN_USAGE)
                          .tag("gen_ai.operation.name", "embeddings")
                          .tag("gen_ai.token.type", "output")
                          .summary())
                  .as("embeddings have no output tokens")
                  .isNull();
              assertThat(registry.find(OllamaMetricsListener.OPERATION_DURATION).summaries())
                  .as("only the calls that run a model: chat and embed, not version")
                  .hasSize(2);
            });
  }

  @Test
  void aFailedModelCallIsTimedWithItsErrorType() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(500, "{\"error\":\"out of memory\"}");
              assertThatThrownBy(
                      () ->
                          context
                              .getBean(OllamaClient.class)
                              .generate(GenerateRequest.builder("llama3.2").prompt("Hi").build()))
                  .isInstanceOf(OllamaHttpException.class);
              DistributionSummary duration =
                  context
                      .getBean(MeterRegistry.class)
                      .get(OllamaMetricsListener.OPERATION_DURATION)
                      .tag("gen_ai.operation.name", "text_completion")
                      .tag("gen_ai.response.model", "none")
                      .tag("error.type", OllamaHttpException.class.getName())
                      .summary();
              assertThat(duration.count()).isEqualTo(1);
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .find(OllamaMetricsListener.TOKEN_USAGE)
                          .summaries())
                  .isEmpty();
            });
  }

  private static DistributionSummary tokenUsage(
      MeterRegistry registry, String operation, String type) {
    return registry
        .get(OllamaMetricsListener.TOKEN_USAGE)
        .tag("gen_ai.operation.name", operation)
        .tag("gen_ai.token.type", type)
        .summary();
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
