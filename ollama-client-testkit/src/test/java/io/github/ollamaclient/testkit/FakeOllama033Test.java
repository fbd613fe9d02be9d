package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Ollama 0.33 serves and refuses that the fake serves and refuses alike, on the wire: log
 * probabilities, tool calls on generate, the show fields of models with messages, a renderer or a
 * projector, the refusals of an unknown {@code think} and of a prompt too long with {@code
 * truncate: false}, and the model recommendations. Every 200 answer is also checked against
 * Ollama's API description ({@link Http#send}).
 */
class FakeOllama033Test {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

  private static final String CHAT =
      "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  @Test
  void streamsTheLogprobsOfEachChunksTokens() {
    ollama.model("llama3.2").reply(Reply.text("Hello there").withTokenSize(5));

    List<JsonNode> lines =
        Http.lines(
            Http.post(ollama, "/api/chat", CHAT + ",\"logprobs\":true,\"top_logprobs\":3}").body());

    List<JsonNode> content = lines.subList(0, lines.size() - 1);
    assertThat(content).hasSize(3);
    for (JsonNode line : content) {
      String text = line.at("/message/content").asText();
      JsonNode logprobs = line.path("logprobs");
      assertThat(logprobs).hasSize(1);
      assertThat(logprobs.get(0).path("token").asText()).isEqualTo(text);
      assertThat(logprobs.get(0).path("logprob").asDouble()).isNegative();
      assertThat(logprobs.get(0).path("bytes").get(0).asInt()).isEqualTo(text.charAt(0));
      JsonNode top = logprobs.get(0).path("top_logprobs");
      assertThat(top).hasSize(3);
      assertThat(top.get(0).path("token").asText()).isEqualTo(text);
      assertThat(top.get(1).path("logprob").asDouble())
          .isLessThan(top.get(0).path("logprob").asDouble());
    }
  }

  @Test
  void sendsNoLogprobsUnlessAskedAndTheSameOnesForTheSameTokens() {
    ollama.model("llama3.2").reply(Reply.text("Same words"));
    String asked = CHAT + ",\"stream\":false,\"logprobs\":true}";

    JsonNode plain = Http.json(Http.post(ollama, "/api/chat", CHAT + ",\"stream\":false}").body());
    JsonNode first = Http.json(Http.post(ollama, "/api/chat", asked).body());
    JsonNode second = Http.json(Http.post(ollama, "/api/chat", asked).body());

    assertThat(plain.has("logprobs")).isFalse();
    assertThat(first.path("logprobs")).hasSize(3);
    assertThat(first.path("logprobs").get(0).has("top_logprobs")).isFalse();
    assertThat(first.path("logprobs")).isEqualTo(second.path("logprobs"));
  }

  @Test
  void aNonStreamedGenerateCarriesEveryTokensLogprobs() {
    ollama.model("llama3.2").reply(Reply.text("abcdefgh").withTokenSize(2));

    JsonNode answer =
        Http.json(
            Http.post(
                    ollama,
                    "/api/generate",
                    "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"stream\":false,\"logprobs\":true}")
                .body());

    List<String> tokens = new ArrayList<>();
    answer.path("logprobs").forEach(p -> tokens.add(p.path("token").asText()));
    assertThat(tokens).containsExactly("ab", "cd", "ef", "gh");
  }

  @Test
  void refusesTopLogprobsOutsideZeroToTwenty() {
    HttpResponse<String> response =
        Http.post(
            ollama, "/api/generate", "{\"model\":\"nope\",\"prompt\":\"x\",\"top_logprobs\":21}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText())
        .isEqualTo("top_logprobs must be between 0 and 20");
  }

  @Test
  void generateSendsToolCallsWithTheFinalChunk() {
    ollama
        .model("llama3.2")
        .reply(
            Reply.text("Let me look.")
                .withToolCall("call_1", "get_weather", Map.of("city", "Paris")));

    List<JsonNode> lines =
        Http.lines(
            Http.post(ollama, "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"weather?\"}")
                .body());
    JsonNode aggregate =
        Http.json(
            Http.post(
                    ollama,
                    "/api/generate",
                    "{\"model\":\"llama3.2\",\"prompt\":\"weather?\",\"stream\":false}")
                .body());

    JsonNode last = lines.get(lines.size() - 1);
    assertThat(last.path("done").asBoolean()).isTrue();
    assertThat(last.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    assertThat(last.at("/tool_calls/0/function/arguments/city").asText()).isEqualTo("Paris");
    assertThat(last.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(lines.subList(0, lines.size() - 1)).noneMatch(line -> line.has("tool_calls"));
    assertThat(aggregate.path("response").asText()).isEqualTo("Let me look.");
    assertThat(aggregate.at("/tool_calls/0/function/index").asInt()).isZero();
  }

  @Test
  void refusesAThinkValueOllamaDoesNotDecode() {
    HttpResponse<String> minimal = Http.post(ollama, "/api/chat", CHAT + ",\"think\":\"minimal\"}");
    HttpResponse<String> number =
        Http.post(ollama, "/api/generate", "{\"model\":\"x\",\"think\":1}");

    assertThat(minimal.statusCode()).isEqualTo(400);
    assertThat(Http.json(minimal.body()).path("error").asText())
        .isEqualTo(
            "invalid think value: \"minimal\" (must be \"high\", \"medium\", \"low\", \"max\","
                + " true, or false)");
    assertThat(number.statusCode()).isEqualTo(400);
    assertThat(Http.json(number.body()).path("error").asText())
        .isEqualTo(
            "think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true,"
                + " or false)");
  }

  @Test
  void servesEveryThinkLevelOllamaDecodes() {
    ollama.model("qwen3").capabilities("completion", "thinking");

    for (String level : List.of("\"low\"", "\"medium\"", "\"high\"", "\"max\"", "true", "false")) {
      HttpResponse<String> response =
          Http.post(
              ollama,
              "/api/chat",
              "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                  + "\"stream\":false,\"think\":"
                  + level
                  + "}");
      assertThat(response.statusCode()).as(level).isEqualTo(200);
    }
  }

  @Test
  void refusesAPromptLongerThanTheWindowWhenTruncateIsFalse() {
    // About 4 characters a token: 2,400 characters are some 600 tokens, over a 512 window.
    String longText = "word ".repeat(480);
    String chat =
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + longText
            + "\"}],\"options\":{\"num_ctx\":512}";

    HttpResponse<String> refused = Http.post(ollama, "/api/chat", chat + ",\"truncate\":false}");
    HttpResponse<String> cut = Http.post(ollama, "/api/chat", chat + ",\"stream\":false}");
    HttpResponse<String> generate =
        Http.post(
            ollama,
            "/api/generate",
            "{\"model\":\"llama3.2\",\"prompt\":\""
                + longText
                + "\",\"truncate\":false,\"stream\":false,\"options\":{\"num_ctx\":512}}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    // Ollama 0.33 passes llama-server's error object on as the text of its own error.
    JsonNode detail = Http.json(Http.json(refused.body()).path("error").asText()).path("error");
    assertThat(detail.path("code").asInt()).isEqualTo(400);
    assertThat(detail.path("type").asText()).isEqualTo("exceed_context_size_error");
    assertThat(detail.path("n_ctx").asInt()).isEqualTo(512);
    int tokens = detail.path("n_prompt_tokens").asInt();
    assertThat(tokens).isGreaterThan(512);
    assertThat(detail.path("message").asText())
        .isEqualTo(
            "request ("
                + tokens
                + " tokens) exceeds the available context size (512 tokens), try increasing it");
    assertThat(cut.statusCode()).isEqualTo(200);
    assertThat(generate.statusCode()).isEqualTo(400);
    assertThat(Http.json(generate.body()).path("error").asText())
        .contains("exceed_context_size_error");
  }

  @Test
  void theWindowIsTheModelsContextWhenNumCtxAsksForMore() {
    ollama.model("tiny").contextLength(256);
    String prompt = "word ".repeat(240);

    HttpResponse<String> response =
        Http.post(
            ollama,
            "/api/generate",
            "{\"model\":\"tiny\",\"prompt\":\""
                + prompt
                + "\",\"truncate\":false,\"options\":{\"num_ctx\":8192}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText()).contains("\"n_ctx\":256");
  }

  @Test
  void embedRefusesAnInputLongerThanTheWindowWhenTruncateIsFalse() {
    ollama.model("all-minilm");
    String longInput = "word ".repeat(600);

    HttpResponse<String> refused =
        Http.post(
            ollama,
            "/api/embed",
            "{\"model\":\"all-minilm\",\"input\":[\"short\",\""
                + longInput
                + "\"],\"truncate\":false}");
    HttpResponse<String> truncated =
        Http.post(
            ollama, "/api/embed", "{\"model\":\"all-minilm\",\"input\":\"" + longInput + "\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Http.json(refused.body()).path("error").asText())
        .isEqualTo("the input length exceeds the context length");
    assertThat(truncated.statusCode()).isEqualTo(200);
  }

  @Test
  void showsMessagesAndAProjectorShortenedUnlessVerbose() {
    List<Integer> mean = List.of(1, 2, 3, 4, 5, 6);
    ollama
        .model("llava")
        .capabilities("completion", "vision")
        .message("user", "Who are you?")
        .message("assistant", "A llama.")
        .projectorInfo(Map.of("clip.vision.image_size", 336, "clip.vision.image_mean", mean))
        .rendererAndParser("qwen3-coder", "qwen3-coder");

    JsonNode show = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"llava\"}").body());
    JsonNode verbose =
        Http.json(Http.post(ollama, "/api/show", "{\"model\":\"llava\",\"verbose\":true}").body());

    assertThat(show.path("messages"))
        .isEqualTo(
            Http.json(
                "[{\"role\":\"user\",\"content\":\"Who are you?\"},"
                    + "{\"role\":\"assistant\",\"content\":\"A llama.\"}]"));
    assertThat(show.at("/projector_info/clip.vision.image_size").asInt()).isEqualTo(336);
    assertThat(show.at("/projector_info/clip.vision.image_mean")).isEmpty();
    assertThat(verbose.at("/projector_info/clip.vision.image_mean")).hasSize(6);
    String modelfile = show.path("modelfile").asText();
    assertThat(modelfile)
        .contains("\nRENDERER qwen3-coder\nPARSER qwen3-coder\n")
        .contains("MESSAGE user Who are you?\nMESSAGE assistant A llama.\n");
    assertThat(modelfile.split("\nFROM ")).hasSize(3);
    // A local model has them in its Modelfile only, as Ollama 0.33 answers.
    assertThat(show.has("renderer")).isFalse();
    JsonNode plain = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"llama3.2\"}").body());
    assertThat(plain.has("messages")).isFalse();
    assertThat(plain.has("projector_info")).isFalse();
  }

  @Test
  void aCloudModelsShowNamesItsRendererAndParser() {
    ollama
        .model("qwen3-coder:480b-cloud")
        .remote("qwen3-coder:480b", "https://ollama.com:443")
        .rendererAndParser("qwen3-coder", "qwen3-coder");

    JsonNode show =
        Http.json(Http.post(ollama, "/api/show", "{\"model\":\"qwen3-coder:480b-cloud\"}").body());

    assertThat(show.path("renderer").asText()).isEqualTo("qwen3-coder");
    assertThat(show.path("parser").asText()).isEqualTo("qwen3-coder");
  }

  @Test
  void showTakesASystemPromptAndOptionsForTheModelfile() {
    ollama.model("llama3.2").system("You are a llama.").parameters("temperature 0.7\nnum_ctx 2048");

    JsonNode show =
        Http.json(
            Http.post(
                    ollama,
                    "/api/show",
                    "{\"model\":\"llama3.2\",\"system\":\"You are terse.\","
                        + "\"options\":{\"num_ctx\":8192,\"stop\":[\"a\",\"b\"]}}")
                .body());

    assertThat(show.path("system").asText()).isEqualTo("You are terse.");
    assertThat(show.path("parameters").asText()).isEqualTo("temperature 0.7\nnum_ctx 2048");
    assertThat(show.path("modelfile").asText())
        .contains("SYSTEM \"\"\"You are terse.\"\"\"")
        .doesNotContain("You are a llama.")
        .contains("PARAMETER temperature 0.7\n")
        .contains("PARAMETER num_ctx 8192\n")
        .doesNotContain("num_ctx 2048")
        .contains("PARAMETER stop a\nPARAMETER stop b\n");
  }

  @Test
  void servesTheBuiltInModelRecommendations() {
    HttpResponse<String> response = Http.get(ollama, "/api/experimental/model-recommendations");

    JsonNode list = Http.json(response.body()).path("recommendations");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(list.findValuesAsText("model"))
        .containsExactly(
            "kimi-k2.6:cloud",
            "glm-5.1:cloud",
            "qwen3.5:cloud",
            "minimax-m2.7:cloud",
            "gemma4",
            "qwen3.5");
    assertThat(list.get(1).path("context_length").asInt()).isEqualTo(202_752);
    assertThat(list.get(4).path("vram_bytes").asLong()).isEqualTo(12_000_000_000L);
    assertThat(list.get(4).has("context_length")).isFalse();
    assertThat(Http.post(ollama, "/api/experimental/model-recommendations", "{}").statusCode())
        .isEqualTo(405);
  }
}
