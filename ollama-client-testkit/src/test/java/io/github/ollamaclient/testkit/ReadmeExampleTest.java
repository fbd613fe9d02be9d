package io.github.ollamaclient.testkit;

import static io.github.ollamaclient.testkit.PromptMatcher.contains;
import static io.github.ollamaclient.testkit.PromptMatcher.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.schema.JsonSchemas;
import io.github.ollamaclient.stream.ResponseStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example in the READMEs, word for word: the test is under ten lines; {@link WeatherBot} stands
 * for the user's own code.
 */
class ReadmeExampleTest {
  // ---- README example: begin ----
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

  @Test
  void answersWithTheWeather() {
    ollama
        .model("llama3.2")
        .reply(toolResult(), Reply.text("Sunny, 24 °C."))
        .reply(contains("weather"), Reply.toolCall("get_weather", Map.of("city", "Paris")));
    try (var client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build()) {
      assertThat(new WeatherBot(client).ask("Weather in Paris?")).isEqualTo("Sunny, 24 °C.");
    }
    assertThat(ollama.lastRequest().messages().get(2).path("tool_name").asText())
        .isEqualTo("get_weather");
  }

  // ---- README example: end ----

  @Test
  void theBotStreamsTheAnswerAndSendsTheToolResultAfterTheCall() {
    ollama
        .model("llama3.2")
        .reply(toolResult(), Reply.text("Sunny, 24 °C."))
        .reply(contains("weather"), Reply.toolCall("get_weather", Map.of("city", "Paris")));
    WeatherBot bot;
    try (OllamaClient client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build()) {
      bot = new WeatherBot(client);
      bot.ask("What's the weather in Paris?");
    }

    assertThat(bot.shownPieces()).containsExactly("", "", "Sunn", "y, 2", "4 °C", ".", "");
    assertThat(ollama.requests()).hasSize(2).allSatisfy(r -> assertThat(r.stream()).isTrue());
    assertThat(ollama.lastRequest().messages())
        .extracting(m -> m.path("role").asText())
        .containsExactly("user", "assistant", "tool");
  }

  @Test
  void theModuleReadmeShowsThisTestWordForWord() throws Exception {
    String source =
        Files.readString(
            Path.of("src/test/java/io/github/ollamaclient/testkit/ReadmeExampleTest.java"));
    String example =
        source.substring(
            source.indexOf("README example: begin ----\n") + 27,
            source.indexOf("\n  // ---- README example: end"));
    String unindented = example.strip().replaceAll("(?m)^  ", "").strip();

    assertThat(Files.readString(Path.of("README.md"))).contains(unindented);
  }

  /** The code under test: a small assistant that streams its answer and runs a weather tool. */
  static final class WeatherBot {
    record City(String city) {}

    private static final Tool WEATHER =
        Tool.function("get_weather", "The current weather in a city", JsonSchemas.of(City.class));

    private final OllamaClient ollama;
    private final List<String> shown = new ArrayList<>();

    WeatherBot(OllamaClient ollama) {
      this.ollama = ollama;
    }

    String ask(String question) {
      List<Message> history = new ArrayList<>(List.of(Message.user(question)));
      while (true) {
        ChatResponse whole;
        try (ResponseStream<ChatResponse> stream =
            ollama.chatStream(
                ChatRequest.builder("llama3.2").messages(history).tool(WEATHER).build())) {
          stream.forEach(chunk -> shown.add(chunk.message().content()));
          whole = stream.aggregate();
        }
        if (whole.message().toolCalls().isEmpty()) {
          return whole.message().content();
        }
        history.add(whole.message());
        for (ToolCall call : whole.message().toolCalls()) {
          history.add(Message.tool(call.name(), lookUpWeather(call.arguments(City.class).city())));
        }
      }
    }

    /** Every piece of text shown to the user as it streamed, in order. */
    List<String> shownPieces() {
      return shown;
    }

    private static String lookUpWeather(String city) {
      return "{\"city\": \"" + city + "\", \"sky\": \"sunny\", \"celsius\": 24}";
    }
  }
}
