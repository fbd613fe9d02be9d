package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripting: which reply answers, capabilities, and what model operations leave behind. */
class FakeOllamaScriptingTest {
  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

  @Test
  void triesTheModelsRulesThenRulesForAllModelsThenTheDefault() {
    ollama.model("llama3.2").reply(PromptMatcher.regex("^Bonjour"), Reply.text("Salut"));
    ollama.model("llama3.2").reply("default");
    ollama.reply(PromptMatcher.contains("HELLO"), Reply.text("Hi, any model"));

    assertThat(generate("Bonjour!")).isEqualTo("Salut");
    assertThat(generate("hello there")).isEqualTo("Hi, any model");
    assertThat(generate("something else")).isEqualTo("default");
  }

  @Test
  void echoesThePromptWhenNothingIsScripted() {
    assertThat(generate("Why is the sky blue?"))
        .isEqualTo(
            "Hello from llama3.2:latest, a fake Ollama model. You said: Why is the sky blue?");
  }

  @Test
  void refusesToolsForAModelWithoutTheToolsCapability() {
    ollama.model("llama3.2").capabilities("completion");

    HttpResponse<String> response =
        Http.post(
            ollama,
            "/api/chat",
            """
            {"model": "llama3.2", "messages": [{"role": "user", "content": "x"}],
             "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]}
            """);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText())
        .isEqualTo("registry.ollama.ai/library/llama3.2:latest does not support tools");
  }

  @Test
  void refusesChatForAnEmbeddingOnlyModel() {
    ollama.model("nomic-embed-text");

    HttpResponse<String> response =
        Http.post(ollama, "/api/generate", "{\"model\":\"nomic-embed-text\",\"prompt\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response.body()).path("error").asText())
        .isEqualTo("\"nomic-embed-text\" does not support generate");
  }

  @Test
  void answersMissingModelsOnGenerateShowAndEmbedWith404() {
    for (String path : List.of("/api/generate", "/api/show", "/api/embed")) {
      HttpResponse<String> response =
          Http.post(ollama, path, "{\"model\":\"nope\",\"prompt\":\"x\",\"input\":\"x\"}");

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(Http.json(response.body()).path("error").asText())
          .as(path)
          .isEqualTo("model 'nope' not found");
    }
  }

  @Test
  void aggregatesThinkingAndToolCallsWhenNotStreaming() {
    ollama
        .model("llama3.2")
        .reply(
            Reply.text("Let me check.")
                .withThinking("Need the weather tool.")
                .withToolCall("call_abc", "get_weather", Map.of("city", "Toronto")));

    JsonNode body =
        Http.json(
            Http.post(
                    ollama,
                    "/api/chat",
                    "{\"model\":\"llama3.2\",\"stream\":false,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}")
                .body());

    assertThat(body.path("message"))
        .isEqualTo(
            Http.json(
                """
                {"role": "assistant", "content": "Let me check.",
                 "thinking": "Need the weather tool.",
                 "tool_calls": [{"id": "call_abc", "function": {"index": 0,
                   "name": "get_weather", "arguments": {"city": "Toronto"}}}]}
                """));
  }

  @Test
  void leavesThinkingOutWhenTheRequestTurnsItOff() {
    ollama.model("llama3.2").reply(Reply.text("Blue.").withThinking("hmm"));

    JsonNode body =
        Http.json(
            Http.post(
                    ollama,
                    "/api/generate",
                    "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"think\":false,\"stream\":false}")
                .body());

    assertThat(body.has("thinking")).isFalse();
    assertThat(body.path("response").asText()).isEqualTo("Blue.");
  }

  @Test
  void keepsAModelLoadedForeverWithANegativeKeepAlive() {
    Http.post(
        ollama, "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"x\",\"keep_alive\":-1}");

    JsonNode model = Http.json(Http.get(ollama, "/api/ps").body()).path("models").get(0);

    assertThat(OffsetDateTime.parse(model.path("expires_at").asText()).toInstant())
        .isAfter(Instant.now().plus(Duration.ofDays(365 * 100)));
  }

  @Test
  void createsAQuantizedModelFromABaseItPullsFirst() {
    List<JsonNode> lines =
        Http.lines(
            Http.post(
                    ollama,
                    "/api/create",
                    "{\"model\":\"small\",\"from\":\"mistral\",\"quantize\":\"q4_K_M\"}")
                .body());

    assertThat(lines.get(0).path("status").asText()).isEqualTo("pulling manifest");
    assertThat(lines)
        .extracting(line -> line.path("status").asText())
        .contains("quantizing Q4_K_M model to Q4_K_M", "verifying conversion")
        .endsWith("success");
    assertThat(ollama.modelNames()).contains("mistral:latest", "small:latest");
  }

  @Test
  void createsAModelFromUploadedFiles() {
    byte[] gguf = new byte[1234];
    String digest = "sha256:" + Wire.sha256Hex(gguf);
    Http.postBytes(ollama, "/api/blobs/" + digest, gguf);

    List<JsonNode> lines =
        Http.lines(
            Http.post(
                    ollama,
                    "/api/create",
                    "{\"model\":\"mine\",\"files\":{\"test.gguf\":\"" + digest + "\"}}")
                .body());
    JsonNode tags = Http.json(Http.get(ollama, "/api/tags").body());

    assertThat(lines.get(0).path("status").asText()).isEqualTo("parsing GGUF");
    assertThat(lines.get(1).path("status").asText()).isEqualTo("using existing layer " + digest);
    assertThat(tags.path("models").get(0).path("name").asText()).isEqualTo("mine:latest");
    assertThat(tags.path("models").get(0).path("size").asLong()).isEqualTo(1234);
  }

  @Test
  void answersHeadOnTagsAndVersionWithoutABody() {
    HttpResponse<String> tags = Http.head(ollama, "/api/tags");

    assertThat(tags.statusCode()).isEqualTo(200);
    assertThat(tags.body()).isEmpty();
    assertThat(Http.head(ollama, "/api/version").statusCode()).isEqualTo(200);
  }

  private String generate(String prompt) {
    return Http.json(
            Http.post(
                    ollama,
                    "/api/generate",
                    "{\"model\":\"llama3.2\",\"stream\":false,\"prompt\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(prompt)
                        + "}")
                .body())
        .path("response")
        .asText();
  }
}
