package io.github.ollamaclient.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.spring.FakeOllama;
import io.github.ollamaclient.spring.OllamaAutoConfigurations;
import io.github.ollamaclient.spring.metrics.OllamaMetricsListener;
import io.github.ollamaclient.stream.ResponseStream;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The observation of each call, in a {@link TestObservationRegistry}: its name and keys, and when
 * it starts and stops.
 */
class OllamaObservationTest {
  private static final String NAME = "gen_ai.client.operation";

  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private final TestObservationRegistry registry = TestObservationRegistry.create();

  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner()
          .withConfiguration(OllamaAutoConfigurations.all())
          .withBean(ObservationRegistry.class, () -> registry);

  private static String chunk(String content) {
    return "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},\"done\":false}";
  }

  private static final String FINAL =
      "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":12,\"eval_count\":3}";

  private static ChatRequest ask(String question) {
    return ChatRequest.builder("llama3.2").message(Message.user(question)).build();
  }

  @Test
  void aChatIsObservedWithTheGenAiKeysAndNoContent() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), chunk(" there"), FINAL);
              context.getBean(OllamaClient.class).chat(ask("Hi, I am Alice"));

              assertThat(registry)
                  .hasNumberOfObservationsEqualTo(1)
                  .hasObservationWithNameEqualTo(NAME)
                  .that()
                  .hasContextualNameEqualTo("chat llama3.2")
                  .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                  .hasLowCardinalityKeyValue("gen_ai.provider.name", "ollama")
                  .hasLowCardinalityKeyValue("gen_ai.request.model", "llama3.2")
                  .hasLowCardinalityKeyValue("gen_ai.response.model", "llama3.2")
                  .hasLowCardinalityKeyValue("server.address", URI.create(ollama.url()).getHost())
                  .hasLowCardinalityKeyValue("server.port", Integer.toString(ollama.port()))
                  .hasLowCardinalityKeyValue("error.type", "none")
                  .hasLowCardinalityKeyValue("ollama.outcome", "success")
                  .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]")
                  .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "12")
                  .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "3")
                  .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages")
                  .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.output.messages")
                  .doesNotHaveError()
                  .hasBeenStarted()
                  .hasBeenStopped()
                  .satisfies(
                      observed -> {
                        assertThat(observed.getLowCardinalityKeyValues())
                            .as("only the bounded keys are tags")
                            .hasSize(8);
                        assertThat(observed.getAllKeyValues().stream().map(KeyValue::getValue))
                            .noneMatch(value -> value.contains("Alice") || value.contains("Hello"));
                      });
            });
  }

  @Test
  void theRequestSettingsAreTheConventionsRequestAttributes() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(FINAL);
              context
                  .getBean(OllamaClient.class)
                  .chat(
                      ask("Hi").toBuilder()
                          .options(
                              Options.builder()
                                  .temperature(0.2)
                                  .topP(0.9)
                                  .topK(40)
                                  .numPredict(128)
                                  .stop("\n\n", "User:")
                                  .seed(42)
                                  .frequencyPenalty(0.5)
                                  .presencePenalty(0.25)
                                  .numCtx(8192)
                                  .build())
                          .build());

              assertThat(registry)
                  .hasSingleObservationThat()
                  .hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.2")
                  .hasHighCardinalityKeyValue("gen_ai.request.top_p", "0.9")
                  .hasHighCardinalityKeyValue("gen_ai.request.top_k", "40")
                  .hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "128")
                  .hasHighCardinalityKeyValue(
                      "gen_ai.request.stop_sequences", "[\"\\n\\n\",\"User:\"]")
                  .hasHighCardinalityKeyValue("gen_ai.request.seed", "42")
                  .hasHighCardinalityKeyValue("gen_ai.request.frequency_penalty", "0.5")
                  .hasHighCardinalityKeyValue("gen_ai.request.presence_penalty", "0.25")
                  .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.response.id")
                  .satisfies(
                      observed ->
                          assertThat(observed.getLowCardinalityKeyValues())
                              .as("request settings are never tags")
                              .hasSize(8));
            });
  }

  @Test
  void aRequestWithoutOptionsHasNoRequestAttributes() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(FINAL);
              context.getBean(OllamaClient.class).chat(ask("Hi"));

              assertThat(registry)
                  .hasSingleObservationThat()
                  .satisfies(
                      observed ->
                          assertThat(observed.getHighCardinalityKeyValues().stream())
                              .noneMatch(key -> key.getKey().startsWith("gen_ai.request.")));
            });
  }

  @Test
  void aFailedCallCarriesItsErrorAndErrorType() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueue(500, "{\"error\":\"out of memory\"}");
              assertThatThrownBy(() -> context.getBean(OllamaClient.class).chat(ask("Hi")))
                  .isInstanceOf(OllamaHttpException.class);

              assertThat(registry)
                  .hasSingleObservationThat()
                  .hasLowCardinalityKeyValue("error.type", OllamaHttpException.class.getName())
                  .hasLowCardinalityKeyValue("ollama.outcome", "error")
                  .hasLowCardinalityKeyValue("gen_ai.response.model", "none")
                  .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
                  .hasBeenStopped()
                  .assertThatError()
                  .isInstanceOf(OllamaHttpException.class);
            });
  }

  @Test
  void aStreamIsObservedFromItsOpeningToItsFinalChunk() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), chunk(" there"), FINAL);
              try (ResponseStream<ChatResponse> stream =
                  context.getBean(OllamaClient.class).chatStream(ask("Hi"))) {
                assertThat(registry).hasSingleObservationThat().hasBeenStarted().isNotStopped();
                Iterator<ChatResponse> chunks = stream.iterator();
                chunks.next();
                chunks.next();
                assertThat(registry).hasSingleObservationThat().isNotStopped();
                chunks.next();

                // Stopped at the final chunk, before the stream is closed.
                assertThat(registry)
                    .hasSingleObservationThat()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("ollama.outcome", "success")
                    .hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "[\"stop\"]");
              }
            });
  }

  @Test
  void aStreamCancelledMidwayIsStoppedAtTheCancel() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), chunk(" there"), FINAL);
              try (ResponseStream<ChatResponse> stream =
                  context.getBean(OllamaClient.class).chatStream(ask("Hi"))) {
                stream.iterator().next();
                stream.cancel();

                assertThat(registry)
                    .hasSingleObservationThat()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("ollama.outcome", "cancelled")
                    .hasLowCardinalityKeyValue("error.type", "none")
                    .doesNotHaveError();
              }
            });
  }

  @Test
  void aStreamIsStoppedAtItsErrorLine() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), "{\"error\":\"model crashed\"}");
              try (ResponseStream<ChatResponse> stream =
                  context.getBean(OllamaClient.class).chatStream(ask("Hi"))) {
                assertThatThrownBy(() -> stream.forEach(chunk -> {}))
                    .isInstanceOf(OllamaStreamException.class);
                assertThat(registry)
                    .hasSingleObservationThat()
                    .hasBeenStopped()
                    .hasLowCardinalityKeyValue("error.type", OllamaStreamException.class.getName())
                    .hasLowCardinalityKeyValue("ollama.outcome", "error");
              }
            });
  }

  @Test
  void aStreamDroppedWithoutCloseIsStoppedOnceCollected() throws Exception {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueNdjsonStalledAfter(chunk("Once"), chunk(" upon".repeat(200)), FINAL);
              readOneChunkAndDrop(context.getBean(OllamaClient.class));
              assertThat(registry).hasSingleObservationThat().isNotStopped();

              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
              while (System.nanoTime() < deadline && !stopped()) {
                System.gc();
                Thread.sleep(50);
              }
              assertThat(registry)
                  .hasSingleObservationThat()
                  .hasBeenStopped()
                  .hasLowCardinalityKeyValue("ollama.outcome", "cancelled");
            });
  }

  private boolean stopped() {
    try {
      assertThat(registry).hasSingleObservationThat().hasBeenStopped();
      return true;
    } catch (AssertionError notYet) {
      return false;
    }
  }

  private static void readOneChunkAndDrop(OllamaClient client) {
    ResponseStream<ChatResponse> stream = client.chatStream(ask("Tell me a long story."));
    assertThat(stream.iterator().next().message().content()).isEqualTo("Once");
  }

  @Test
  void generateEmbedAndModelOperationsAreNamedAfterTheConventions() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              OllamaClient client = context.getBean(OllamaClient.class);
              ollama.enqueueNdjson(
                  "{\"model\":\"llama3.2\",\"response\":\"Blue\",\"done\":true,"
                      + "\"done_reason\":\"length\",\"prompt_eval_count\":5,\"eval_count\":1}");
              client.generate(GenerateRequest.builder("llama3.2").prompt("Sky?").build());
              ollama.enqueue(
                  200,
                  "{\"model\":\"all-minilm\",\"embeddings\":[[0.6,0.8]],\"prompt_eval_count\":4}");
              client.embed(EmbedRequest.builder("all-minilm").input("Hello").build());
              ollama.enqueue(200, "{\"models\":[]}");
              client.list();

              assertThat(registry)
                  .hasNumberOfObservationsWithNameEqualTo(NAME, 3)
                  .hasAnObservation(
                      observation ->
                          observation
                              .hasContextualNameEqualTo("text_completion llama3.2")
                              .hasLowCardinalityKeyValue("gen_ai.operation.name", "text_completion")
                              .hasHighCardinalityKeyValue(
                                  "gen_ai.response.finish_reasons", "[\"length\"]")
                              .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "1"))
                  .hasAnObservation(
                      observation ->
                          observation
                              .hasContextualNameEqualTo("embeddings all-minilm")
                              .hasLowCardinalityKeyValue("gen_ai.response.model", "all-minilm")
                              .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "4")
                              .doesNotHaveHighCardinalityKeyValueWithKey(
                                  "gen_ai.usage.output_tokens"))
                  .hasAnObservation(
                      observation ->
                          observation
                              .hasContextualNameEqualTo("list")
                              .hasLowCardinalityKeyValue("gen_ai.operation.name", "list")
                              .hasLowCardinalityKeyValue("gen_ai.request.model", "none")
                              .hasLowCardinalityKeyValue("gen_ai.response.model", "none"));
            });
  }

  @Test
  void operationNamesFollowTheConventionsOrTheMethodInSnakeCase() {
    assertThat(DefaultOllamaObservationConvention.operationName("chat")).isEqualTo("chat");
    assertThat(DefaultOllamaObservationConvention.operationName("generate"))
        .isEqualTo("text_completion");
    assertThat(DefaultOllamaObservationConvention.operationName("embeddings"))
        .isEqualTo("embeddings");
    assertThat(DefaultOllamaObservationConvention.operationName("isRunning"))
        .isEqualTo("is_running");
    assertThat(DefaultOllamaObservationConvention.operationName("experimentalWebSearch"))
        .isEqualTo("experimental_web_search");
  }

  @Test
  void promptsAndAnswersGoIntoTheObservationOnlyWhenSwitchedOn() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.observations.include-content=true")
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), chunk(" Alice"), FINAL);
              context
                  .getBean(OllamaClient.class)
                  .chat(
                      ChatRequest.builder("llama3.2")
                          .message(Message.system("Be brief."))
                          .message(Message.user("Hi, I am Alice"))
                          .build());

              assertThat(registry)
                  .hasSingleObservationThat()
                  .satisfies(
                      observed -> {
                        ObjectMapper json = new ObjectMapper();
                        JsonNode input =
                            json.readTree(
                                observed
                                    .getHighCardinalityKeyValue("gen_ai.input.messages")
                                    .getValue());
                        assertThat(input)
                            .isEqualTo(
                                json.readTree(
                                    """
                                    [{"role":"system","parts":[{"type":"text","content":"Be brief."}]},
                                     {"role":"user","parts":[{"type":"text","content":"Hi, I am Alice"}]}]
                                    """));
                        JsonNode output =
                            json.readTree(
                                observed
                                    .getHighCardinalityKeyValue("gen_ai.output.messages")
                                    .getValue());
                        assertThat(output)
                            .isEqualTo(
                                json.readTree(
                                    """
                                    [{"role":"assistant","parts":[{"type":"text","content":"Hello Alice"}],
                                      "finish_reason":"stop"}]
                                    """));
                        assertThat(
                                observed.getLowCardinalityKeyValues().stream()
                                    .map(KeyValue::getValue))
                            .noneMatch(value -> value.contains("Alice"));
                      });
            });
  }

  @Test
  void aGenerateRequestsSystemTextIsItsSystemInstructions() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty(), "ollama.observations.include-content=true")
        .run(
            context -> {
              ollama.enqueueNdjson(
                  "{\"model\":\"llama3.2\",\"response\":\"Blue\",\"done\":true,"
                      + "\"done_reason\":\"stop\"}");
              context
                  .getBean(OllamaClient.class)
                  .generate(
                      GenerateRequest.builder("llama3.2")
                          .prompt("Sky?")
                          .system("Be brief.")
                          .build());

              assertThat(registry)
                  .hasSingleObservationThat()
                  .hasHighCardinalityKeyValue(
                      "gen_ai.system_instructions",
                      "[{\"type\":\"text\",\"content\":\"Be brief.\"}]")
                  .hasHighCardinalityKeyValue(
                      "gen_ai.input.messages",
                      "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Sky?\"}]}]")
                  .hasHighCardinalityKeyValue(
                      "gen_ai.output.messages",
                      "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Blue\"}],"
                          + "\"finish_reason\":\"stop\"}]");
            });
  }

  @Test
  void anApplicationsConventionBeanReplacesTheDefault() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(
            OllamaObservationConvention.class,
            () ->
                new DefaultOllamaObservationConvention() {
                  @Override
                  public KeyValues getLowCardinalityKeyValues(OllamaObservationContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "search");
                  }
                })
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();

              assertThat(registry)
                  .hasSingleObservationThat()
                  .hasLowCardinalityKeyValue("team", "search")
                  .hasLowCardinalityKeyValue("gen_ai.operation.name", "version");
            });
  }

  @Test
  void theTimerAndTokenCounterKeepWorkingBesideTheObservations() {
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(SimpleMeterRegistry.class)
        .run(
            context -> {
              ollama.enqueueNdjson(chunk("Hello"), FINAL);
              context.getBean(OllamaClient.class).chat(ask("Hi"));

              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(meters.get(OllamaMetricsListener.REQUESTS).timer().count()).isEqualTo(1);
              assertThat(
                      meters
                          .get(OllamaMetricsListener.TOKENS)
                          .tag("type", "completion")
                          .counter()
                          .count())
                  .isEqualTo(3);
              assertThat(registry).hasNumberOfObservationsWithNameEqualTo(NAME, 1);
            });
  }

  @Test
  void aListenerThatFailsAtTheStartCostsTheOthersNothing() {
    List<CallEvent> heard = new CopyOnWriteArrayList<>();
    OllamaListener failing =
        new OllamaListener() {
          @Override
          public void onCallFinished(CallEvent event) {
            heard.add(event);
          }

          @Override
          public CallHandle onCallStarted(CallStart start) {
            throw new IllegalStateException("listener bug");
          }
        };
    contextRunner
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean(SimpleMeterRegistry.class)
        .withBean(OllamaListener.class, () -> failing)
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              context.getBean(OllamaClient.class).version();

              assertThat(registry).hasSingleObservationThat().hasBeenStopped();
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .get(OllamaMetricsListener.REQUESTS)
                          .timer()
                          .count())
                  .isEqualTo(1);
              assertThat(heard)
                  .singleElement()
                  .extracting(CallEvent::operation)
                  .isEqualTo("version");
            });
  }

  @Test
  void observesNothingWithoutAnObservationRegistryBean() {
    new ApplicationContextRunner()
        .withConfiguration(OllamaAutoConfigurations.all())
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              assertThat(context).doesNotHaveBean(OllamaObservationListener.class);
            });
  }

  @Test
  void observesNothingWithoutMicrometersObservationApi() {
    contextRunner
        .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(OllamaClient.class);
              assertThat(context).doesNotHaveBean(OllamaObservationListener.class);
            });
  }

  @Test
  void aRegistryWithoutHandlersCostsTheCallNothing() {
    new ApplicationContextRunner()
        .withConfiguration(OllamaAutoConfigurations.all())
        .withBean(ObservationRegistry.class, ObservationRegistry::create)
        .withPropertyValues(ollama.baseUrlProperty())
        .run(
            context -> {
              ollama.enqueueVersion("0.12.6");
              assertThat(context.getBean(OllamaClient.class).version()).isEqualTo("0.12.6");
              assertThat(context).hasSingleBean(OllamaObservationListener.class);
            });
  }
}
