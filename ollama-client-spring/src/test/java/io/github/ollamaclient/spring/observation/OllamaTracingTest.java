package io.github.ollamaclient.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.github.ollamaclient.stream.ResponseStream;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spans made of the observations by a tracer, as Spring Boot's tracing makes them: Micrometer
 * Tracing's handlers over its test tracer. Each call's span is a client span whose parent is the
 * observation current where the call started.
 */
class OllamaTracingTest {
  private static final String FINAL =
      "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"!\"},"
          + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":12,\"eval_count\":3}";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final SimpleTracer tracer = new SimpleTracer();
  private final ObservationRegistry registry = ObservationRegistry.create();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(OllamaAutoConfigurations.all())
          .withBean(ObservationRegistry.class, () -> registry);

  OllamaTracingTest() {
    // As Spring Boot groups them: client contexts get a sender span, any other a plain one.
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, Propagator.NOOP),
                new DefaultTracingObservationHandler(tracer)));
  }

  private static ChatRequest ask(String question) {
    return ChatRequest.builder("llama3.2").message(Message.user(question)).build();
  }

  private SimpleSpan span(String name) {
    return tracer.getSpans().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + tracer.getSpans()));
  }

  @Test
  void aCallInsideARequestIsAClientSpanUnderIt() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              OllamaClient client = context.getBean(OllamaClient.class);
              ollama.enqueueNdjson(FINAL);

              Observation.createNotStarted("http.server.requests", registry)
                  .observe(() -> client.chat(ask("Hi")));

              assertThat(tracer.getSpans()).hasSize(2);
              SimpleSpan caller = span("http.server.requests");
              SimpleSpan call = span("chat llama3.2");
              assertThat(call.getTraceId()).isEqualTo(caller.getTraceId());
              assertThat(call.getParentId()).isEqualTo(caller.getSpanId());
              assertThat(call.getKind()).isEqualTo(Span.Kind.CLIENT);
              assertThat(call.getRemoteServiceName()).isEqualTo("ollama");
              assertThat(call.getRemotePort()).isEqualTo(ollama.port());
              assertThat(call.getTags())
                  .containsEntry("gen_ai.operation.name", "chat")
                  .containsEntry("gen_ai.provider.name", "ollama")
                  .containsEntry("gen_ai.request.model", "llama3.2")
                  .containsEntry("gen_ai.response.model", "llama3.2")
                  .containsEntry("gen_ai.usage.input_tokens", "12")
                  .containsEntry("gen_ai.usage.output_tokens", "3")
                  .containsEntry("gen_ai.response.finish_reasons", "[\"stop\"]")
                  .doesNotContainKey("gen_ai.input.messages");
              assertThat(call.getStartTimestamp()).isAfterOrEqualTo(caller.getStartTimestamp());
              assertThat(call.getEndTimestamp()).isBeforeOrEqualTo(caller.getEndTimestamp());
            });
  }

  @Test
  void aStreamOpenedInARequestKeepsItsParentWhenReadElsewhereAndEndsAtItsFinalChunk() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              OllamaClient client = context.getBean(OllamaClient.class);
              ollama.enqueueNdjson(
                  "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                      + "\"done\":false}",
                  FINAL);

              ResponseStream<ChatResponse> stream =
                  Observation.createNotStarted("http.server.requests", registry)
                      .observe(() -> client.chatStream(ask("Hi")));
              // Read on another thread, where no observation is current, as a streaming
              // endpoint's writer would.
              String text =
                  CompletableFuture.supplyAsync(
                          () -> {
                            try (stream) {
                              return stream.aggregate().message().content();
                            }
                          })
                      .get(5, TimeUnit.SECONDS);

              assertThat(text).isEqualTo("Hi!");
              SimpleSpan caller = span("http.server.requests");
              SimpleSpan call = span("chat llama3.2");
              assertThat(call.getParentId()).isEqualTo(caller.getSpanId());
              assertThat(call.getTraceId()).isEqualTo(caller.getTraceId());
              assertThat(call.getEndTimestamp()).isAfter(caller.getEndTimestamp());
              assertThat(call.getTags()).containsEntry("ollama.outcome", "success");
            });
  }

  @Test
  void aFailedCallsSpanCarriesTheError() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(
                  404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}");

              assertThatThrownBy(() -> context.getBean(OllamaClient.class).chat(ask("Hi")))
                  .isInstanceOf(ModelNotFoundException.class);

              SimpleSpan call = tracer.onlySpan();
              assertThat(call.getName()).isEqualTo("chat llama3.2");
              assertThat(call.getError()).isInstanceOf(ModelNotFoundException.class);
              assertThat(call.getTags())
                  .containsEntry("error.type", ModelNotFoundException.class.getName())
                  .containsEntry("ollama.outcome", "error");
            });
  }
}
