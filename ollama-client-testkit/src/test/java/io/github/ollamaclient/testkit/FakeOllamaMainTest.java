package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone process: arguments, script files, the default model. */
class FakeOllamaMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void servesTheModelsAndRepliesOfAYamlScript() throws IOException {
    Path script = dir.resolve("script.yaml");
    Files.writeString(
        script,
        """
        version: 0.9.0
        models:
          - name: llama3.2
            family: llama
            parameter_size: 3.2B
            reply: Hello from the script!
            replies:
              - when: {contains: weather}
                reply:
                  tool_calls:
                    - name: get_weather
                      arguments: {city: Paris}
          - name: all-minilm
            embedding_dimension: 8
        """);

    try (FakeOllama fake =
        FakeOllamaMain.start(new String[] {"--port", "0", "--script", script.toString()}, out)) {
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("FakeOllama listening on " + fake.baseUrl());
      assertThat(Http.json(Http.get(fake, "/api/version").body()).path("version").asText())
          .isEqualTo("0.9.0");
      JsonNode hello =
          Http.json(
              Http.post(
                      fake,
                      "/api/chat",
                      "{\"model\":\"llama3.2\",\"stream\":false,"
                          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                  .body());
      JsonNode weather =
          Http.json(
              Http.post(
                      fake,
                      "/api/chat",
                      "{\"model\":\"llama3.2\",\"stream\":false,"
                          + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}")
                  .body());
      JsonNode embed =
          Http.json(
              Http.post(fake, "/api/embed", "{\"model\":\"all-minilm\",\"input\":\"x\"}").body());

      assertThat(hello.path("message").path("content").asText())
          .isEqualTo("Hello from the script!");
      assertThat(
              weather
                  .path("message")
                  .path("tool_calls")
                  .get(0)
                  .path("function")
                  .path("name")
                  .asText())
          .isEqualTo("get_weather");
      assertThat(embed.path("embeddings").get(0)).hasSize(8);
    }
  }

  @Test
  void aToolResultRuleAnswersTheRoundTripAfterTheToolCall() throws IOException {
    Path script = dir.resolve("tools.yaml");
    Files.writeString(
        script,
        """
        models:
          - name: qwen3:8b
            replies:
              - when: {tool_result: get_weather}
                reply: Sunny in Paris.
              - when: {tool_result: true}
                reply: Some other tool answered.
              - when: weather
                reply:
                  tool_calls:
                    - name: get_weather
                      arguments: {city: Paris}
        """);

    try (FakeOllama fake =
        FakeOllamaMain.start(new String[] {"--port", "0", "--script", script.toString()}, out)) {
      String ask = "{\"role\":\"user\",\"content\":\"weather?\"}";
      assertThat(chatContent(fake, ask)).isEmpty();
      assertThat(chatContent(fake, ask + ",{\"role\":\"tool\",\"tool_name\":\"get_weather\"}"))
          .isEqualTo("Sunny in Paris.");
      assertThat(chatContent(fake, ask + ",{\"role\":\"tool\",\"tool_name\":\"get_time\"}"))
          .isEqualTo("Some other tool answered.");
    }
  }

  @Test
  void aScriptGivesAModelMessagesARendererAndAProjector() throws IOException {
    Path script = dir.resolve("show.yaml");
    Files.writeString(
        script,
        """
        models:
          - name: llava
            messages:
              - role: user
                content: Who are you?
            renderer: qwen3-coder
            parser: qwen3-coder
            projector_info: {clip.vision.image_size: 336}
        """);

    try (FakeOllama fake =
        FakeOllamaMain.start(new String[] {"--port", "0", "--script", script.toString()}, out)) {
      JsonNode show = Http.json(Http.post(fake, "/api/show", "{\"model\":\"llava\"}").body());

      assertThat(show.at("/messages/0/content").asText()).isEqualTo("Who are you?");
      assertThat(show.at("/projector_info/clip.vision.image_size").asInt()).isEqualTo(336);
      assertThat(show.path("modelfile").asText())
          .contains("RENDERER qwen3-coder\nPARSER qwen3-coder");
    }
  }

  private static String chatContent(FakeOllama fake, String messages) {
    String body = "{\"model\":\"qwen3:8b\",\"stream\":false,\"messages\":[" + messages + "]}";
    return Http.json(Http.post(fake, "/api/chat", body).body())
        .path("message")
        .path("content")
        .asText();
  }

  @Test
  void readsAJsonScriptWithAFault() throws IOException {
    Path script = dir.resolve("script.json");
    Files.writeString(
        script,
        """
        {"models": [{"name": "flaky", "fault": {"type": "html", "status": 502}}]}
        """);

    try (FakeOllama fake =
        FakeOllamaMain.start(new String[] {"--script", script.toString(), "--port", "0"}, out)) {
      assertThat(
              Http.post(fake, "/api/generate", "{\"model\":\"flaky\",\"prompt\":\"x\"}")
                  .statusCode())
          .isEqualTo(502);
    }
  }

  @Test
  void servesOneSmallModelThatAnswersWithoutAScript() {
    try (FakeOllama fake = FakeOllamaMain.start(new String[] {"--port", "0"}, out)) {
      List<JsonNode> lines =
          Http.lines(
              Http.post(
                      fake,
                      "/api/generate",
                      "{\"model\":\"" + FakeOllamaMain.DEFAULT_MODEL + "\",\"prompt\":\"Hi\"}")
                  .body());

      assertThat(fake.modelNames()).containsExactly(FakeOllamaMain.DEFAULT_MODEL);
      assertThat(lines.get(lines.size() - 1).path("done").asBoolean()).isTrue();
      StringBuilder text = new StringBuilder();
      lines.forEach(line -> text.append(line.path("response").asText()));
      assertThat(text.toString()).contains("You said: Hi");
    }
  }

  @Test
  void rejectsUnknownArgumentsAndBadPorts() {
    assertThatThrownBy(() -> FakeOllamaMain.start(new String[] {"--verbose"}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument: --verbose");
    assertThatThrownBy(() -> FakeOllamaMain.start(new String[] {"--port", "x"}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port must be a number");
  }

  @Test
  void rejectsAScriptWithAnUnknownFaultType() throws IOException {
    Path script = dir.resolve("bad.yaml");
    Files.writeString(script, "models:\n  - name: m\n    fault: {type: explode}\n");

    assertThatThrownBy(
            () ->
                FakeOllamaMain.start(
                    new String[] {"--port", "0", "--script", script.toString()}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fault type must be");
  }
}
