package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.cloud.CloudStatus;
import io.github.ollamaclient.cloud.StatusResponse;
import io.github.ollamaclient.contract.OllamaContract;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.embed.EmbeddingsRequest;
import io.github.ollamaclient.embed.EmbeddingsResponse;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.models.CreateRequest;
import io.github.ollamaclient.models.ModelDetails;
import io.github.ollamaclient.models.ModelSummary;
import io.github.ollamaclient.models.PushRequest;
import io.github.ollamaclient.models.RunningModel;
import io.github.ollamaclient.models.ShowResponse;
import io.github.ollamaclient.web.WebSearchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fields Ollama is about to send (open upstream changes by its maintainers) and fields nobody has
 * thought of yet: every answer the client reads must take them without failing and without losing
 * what it knows, and the upcoming ones it can name are read into typed accessors.
 */
class NextOllamaFieldsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** A member no Ollama sends, of every JSON kind, for the answers below to carry anywhere. */
  private static final String UNKNOWN =
      "\"ollama_next\":{\"a\":[1,2.5,\"x\",null,true,{\"b\":[]}]},\"ollama_next_n\":7";

  private static final String CREATED = "\"created_at\":\"2026-08-21T18:48:22.1Z\"";

  private static final String DETAILS =
      "\"details\":{\"format\":\"gguf\",\"family\":\"qwen3\",\"families\":[\"qwen3\"],"
          + "\"parameter_size\":\"8.2B\",\"quantization_level\":\"Q4_K_M\","
          + "\"context_length\":40960,\"projected_context_length\":8192,"
          + UNKNOWN
          + "}";

  /** One call of the client, the answer the mock gives it, and what must still be read. */
  private record Case(
      Consumer<MockOllama> answer, Function<OllamaClient, Object> call, Consumer<Object> known) {}

  @SuppressWarnings("deprecation") // the legacy /api/embeddings is an answer too
  static Stream<Arguments> everyAnswer() {
    return Stream.of(
        answer(
            "version",
            m -> m.enqueueJson("{\"version\":\"0.34.0\"," + UNKNOWN + "}"),
            OllamaClient::version,
            v -> assertThat(v).isEqualTo("0.34.0")),
        answer(
            "status",
            m ->
                m.enqueueJson(
                    "{\"cloud\":{\"disabled\":true,\"source\":\"env\","
                        + UNKNOWN
                        + "},\"context_length\":32768,"
                        + UNKNOWN
                        + "}"),
            OllamaClient::status,
            r -> {
              StatusResponse status = (StatusResponse) r;
              assertThat(status.cloud()).isEqualTo(new CloudStatus(true, "env"));
              assertThat(status.contextLength()).hasValue(32768);
            }),
        answer(
            "me",
            m ->
                m.enqueueJson(
                    "{\"id\":\"9b0c6a4e-1c11-4d25-a1b0-1e2f3a4b5c6d\",\"email\":\"a@b.c\","
                        + "\"name\":\"a\",\"plan\":\"pro\","
                        + UNKNOWN
                        + "}"),
            OllamaClient::me,
            u -> assertThat(u).hasFieldOrPropertyWithValue("name", "a")),
        answer(
            "chat",
            m ->
                m.enqueueNdjson(
                    "{\"model\":\"m\","
                        + CREATED
                        + ",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\","
                        + UNKNOWN
                        + ",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"index\":0,\"name\":\"f\","
                        + "\"arguments\":{},"
                        + UNKNOWN
                        + "},"
                        + UNKNOWN
                        + "}]},\"done\":false,"
                        + UNKNOWN
                        + "}",
                    "{\"model\":\"m\","
                        + CREATED
                        + ",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                        + "\"done_reason\":\"stop\",\"logprobs\":[{\"token\":\"Hi\",\"logprob\":-0.1,"
                        + UNKNOWN
                        + "}],\"prompt_eval_count\":26,\"prompt_eval_cached_count\":20,"
                        + "\"eval_count\":2,\"eval_duration\":1000000,"
                        + UNKNOWN
                        + "}"),
            c -> c.chat(ChatRequest.builder("m").message(Message.user("hi")).build()),
            r -> {
              ChatResponse reply = (ChatResponse) r;
              assertThat(reply.message().content()).isEqualTo("Hi");
              assertThat(reply.message().toolCalls()).hasSize(1);
              assertThat(reply.metrics().orElseThrow().promptEvalCount()).isEqualTo(26);
              assertThat(reply.metrics().orElseThrow().evalDuration())
                  .isEqualTo(Duration.ofMillis(1));
            }),
        answer(
            "generate",
            m ->
                m.enqueueNdjson(
                    "{\"model\":\"m\","
                        + CREATED
                        + ",\"response\":\"Hi\",\"done\":false,"
                        + UNKNOWN
                        + "}",
                    "{\"model\":\"m\","
                        + CREATED
                        + ",\"response\":\"\",\"done\":true,\"done_reason\":\"stop\","
                        + "\"context\":[1,2],\"prompt_eval_count\":26,"
                        + "\"prompt_eval_cached_count\":20,\"eval_count\":2,"
                        + UNKNOWN
                        + "}"),
            c -> c.generate(GenerateRequest.builder("m").prompt("hi").build()),
            r -> {
              GenerateResponse reply = (GenerateResponse) r;
              assertThat(reply.response()).isEqualTo("Hi");
              assertThat(reply.context()).containsExactly(1, 2);
              assertThat(reply.metrics().orElseThrow().promptEvalCount()).isEqualTo(26);
            }),
        answer(
            "embed",
            m ->
                m.enqueueJson(
                    "{\"model\":\"e\","
                        + UNKNOWN
                        + ",\"embeddings\":[[0.5,-0.5]],\"prompt_eval_count\":3,"
                        + "\"prompt_eval_cached_count\":1,"
                        + UNKNOWN
                        + "}"),
            c -> c.embed(EmbedRequest.builder("e").input("x").build()),
            r -> {
              EmbedResponse embed = (EmbedResponse) r;
              assertThat(embed.embedding()).containsExactly(0.5f, -0.5f);
              assertThat(embed.metrics().orElseThrow().promptEvalCount()).isEqualTo(3);
            }),
        answer(
            "embeddings",
            m -> m.enqueueJson("{" + UNKNOWN + ",\"embedding\":[0.25,0.75]," + UNKNOWN + "}"),
            c -> c.embeddings(EmbeddingsRequest.builder("e").prompt("x").build()),
            r -> assertThat(((EmbeddingsResponse) r).embedding()).containsExactly(0.25f, 0.75f)),
        answer(
            "list",
            m ->
                m.enqueueJson(
                    "{\"models\":[{\"name\":\"qwen3:8b\",\"model\":\"qwen3:8b\","
                        + "\"modified_at\":\"2026-08-21T18:48:22Z\",\"size\":5,\"digest\":\"d\","
                        + DETAILS
                        + ","
                        + UNKNOWN
                        + "}],"
                        + UNKNOWN
                        + "}"),
            OllamaClient::list,
            r -> {
              ModelDetails details = ((ModelSummary) ((List<?>) r).get(0)).details();
              assertThat(details.contextLength()).hasValue(40960);
              assertThat(details.projectedContextLength()).hasValue(8192);
            }),
        answer(
            "show",
            m ->
                m.enqueueJson(
                    "{\"template\":\"t\","
                        + DETAILS
                        + ",\"model_info\":{\"general.architecture\":\"qwen3\"},"
                        + "\"capabilities\":[\"completion\",\"next_capability\"],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"x\","
                        + UNKNOWN
                        + "}],"
                        + UNKNOWN
                        + "}"),
            c -> c.show("qwen3:8b"),
            r -> {
              ShowResponse show = (ShowResponse) r;
              assertThat(show.details().projectedContextLength()).hasValue(8192);
              assertThat(show.capabilities()).contains("next_capability");
              assertThat(show.messages()).hasSize(1);
            }),
        answer(
            "ps",
            m ->
                m.enqueueJson(
                    "{\"models\":[{\"name\":\"qwen3:8b\",\"model\":\"qwen3:8b\",\"size\":5,"
                        + "\"digest\":\"d\","
                        + DETAILS
                        + ",\"expires_at\":\"2026-08-21T18:48:22Z\",\"size_vram\":5,"
                        + "\"context_length\":8192,"
                        + UNKNOWN
                        + "}]}"),
            OllamaClient::ps,
            r -> {
              RunningModel running = (RunningModel) ((List<?>) r).get(0);
              assertThat(running.contextLength()).hasValue(8192);
              assertThat(running.details().projectedContextLength()).hasValue(8192);
            }),
        answer(
            "pull",
            m ->
                m.enqueueNdjson(
                    "{\"status\":\"pulling a\",\"digest\":\"sha256:a\",\"total\":2,"
                        + "\"completed\":1,"
                        + UNKNOWN
                        + "}",
                    "{\"status\":\"success\"," + UNKNOWN + "}"),
            c -> c.pull("m").aggregate(),
            r -> assertThat(r).hasFieldOrPropertyWithValue("status", "success")),
        answer(
            "push",
            m -> m.enqueueNdjson("{\"status\":\"success\"," + UNKNOWN + "}"),
            c -> c.push(PushRequest.builder("me/m").build()).aggregate(),
            r -> assertThat(r).hasFieldOrPropertyWithValue("status", "success")),
        answer(
            "create",
            m -> m.enqueueNdjson("{\"status\":\"success\"," + UNKNOWN + "}"),
            c -> c.create(CreateRequest.builder("m2").from("m").build()).aggregate(),
            r -> assertThat(r).hasFieldOrPropertyWithValue("status", "success")),
        answer(
            "experimentalWebSearch",
            m ->
                m.enqueueJson(
                    "{\"results\":[{\"title\":\"t\",\"url\":\"https://x\",\"content\":\"c\","
                        + UNKNOWN
                        + "}],"
                        + UNKNOWN
                        + "}"),
            c -> c.experimentalWebSearch("q"),
            r -> assertThat(((WebSearchResponse) r).results()).hasSize(1)),
        answer(
            "experimentalWebFetch",
            m ->
                m.enqueueJson(
                    "{\"title\":\"t\",\"content\":\"c\",\"links\":[\"https://x\"],"
                        + UNKNOWN
                        + "}"),
            c -> c.experimentalWebFetch("https://x"),
            r -> assertThat(r).hasFieldOrPropertyWithValue("title", "t")),
        answer(
            "experimentalModelRecommendations",
            m ->
                m.enqueueJson(
                    "{\"recommendations\":[{\"model\":\"gemma4\",\"description\":\"d\","
                        + "\"vram_bytes\":12000000000,"
                        + UNKNOWN
                        + "}],"
                        + UNKNOWN
                        + "}"),
            OllamaClient::experimentalModelRecommendations,
            r -> assertThat((List<?>) r).hasSize(1)));
  }

  private static Arguments answer(
      String name,
      Consumer<MockOllama> answer,
      Function<OllamaClient, Object> call,
      Consumer<Object> known) {
    return Arguments.of(Named.of(name, new Case(answer, call, known)));
  }

  @ParameterizedTest
  @MethodSource("everyAnswer")
  void everyAnswerTakesFieldsItDoesNotKnow(Case answer) {
    answer.answer().accept(ollama);

    Object read = answer.call().apply(ollama.client());

    answer.known().accept(read);
  }

  @Test
  void statusReadsTheServersDefaultContextLength() {
    ollama.enqueueJson("{\"cloud\":{\"disabled\":false,\"source\":\"\"},\"context_length\":4096}");
    ollama.enqueueJson("{\"cloud\":{\"disabled\":false,\"source\":\"\"}}");
    ollama.enqueueJson("{\"cloud\":{\"disabled\":false,\"source\":\"\"},\"context_length\":0}");

    assertThat(ollama.client().status().contextLength()).isEqualTo(OptionalInt.of(4096));
    assertThat(ollama.client().status().contextLength()).isEmpty();
    assertThat(ollama.client().status().contextLength()).isEmpty();
  }

  @Test
  void detailsReadTheProjectedContextLengthOnlyWhenSent() {
    ollama.enqueueJson("{" + DETAILS + "}");
    ollama.enqueueJson(
        "{\"details\":{\"format\":\"gguf\",\"family\":\"llama\",\"context_length\":131072}}");

    assertThat(ollama.client().show("a").details().projectedContextLength()).hasValue(8192);
    assertThat(ollama.client().show("b").details().projectedContextLength()).isEmpty();
  }

  @Test
  void thinkMinimalIsSentAsTheLevelsName() throws Exception {
    ollama.enqueueNdjson(
        "{\"model\":\"m\","
            + CREATED
            + ",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}");

    ollama
        .client()
        .chat(ChatRequest.builder("m").message(Message.user("hi")).think(Think.MINIMAL).build());

    // Read past the contract check: Ollama 0.33's description (and its server) do not take
    // "minimal" yet, which is what the contract must keep saying until they do.
    RecordedRequest request = ollama.server().takeRequest();
    String body = request.getBody().string(StandardCharsets.UTF_8);
    assertThat(MockOllama.json(body).get("think").asText()).isEqualTo("minimal");
    assertThat(OllamaContract.get().requestErrors("POST", "/api/chat", body)).isNotEmpty();
  }
}
