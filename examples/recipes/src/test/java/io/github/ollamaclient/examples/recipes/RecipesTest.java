package io.github.ollamaclient.examples.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs every recipe against the testkit's fake Ollama and checks what it prints, so that none of
 * them can rot. The replies are scripted once, in {@link #script()}; {@link RecipeMainTest} runs
 * the same recipes through their {@code main}, as a user does.
 */
class RecipesTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create();

  static final String SCRIPT = "examples/recipes/fake-ollama.yaml";
  static final String WEATHER_ANSWER = "Tokyo is sunny at 24 C; Paris has light rain at 12 C.";
  static final String THOUGHT = "s-t-r-a-w-b-e-r-r-y: an r at 3, 8 and 9.";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private OllamaClient client;

  /** The replies every recipe gets: the script the standalone fake serves them with, too. */
  @BeforeAll
  static void script() {
    script(ollama);
  }

  static void script(FakeOllama fake) {
    fake.withScript(RecipeMainTest.repositoryRoot().toPath().resolve(SCRIPT));
  }

  @BeforeEach
  void connect() {
    client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void chatPrintsTheAnswer() {
    Chat.run(client, Chat.DEFAULT_MODEL, out);

    assertThat(printed()).isEqualTo("Sunlight scatters off the air, blue the most.\n");
    List<JsonNode> sent = ollama.lastRequest().messages();
    assertThat(sent).extracting(m -> m.path("role").asText()).containsExactly("system", "user");
  }

  @Test
  void streamingPrintsEachTokenAsItArrivesThenTheSpeed() {
    int[] flushes = {0};
    PrintStream counting =
        new PrintStream(bytes, false, StandardCharsets.UTF_8) {
          @Override
          public void flush() {
            flushes[0]++;
            super.flush();
          }
        };

    Streaming.run(client, Chat.DEFAULT_MODEL, counting);

    String haiku =
        "Grey waves fold and break / salt wind on the harbour wall / gulls hang, then let go";
    assertThat(printed())
        .startsWith(haiku + "\n")
        .matches("(?s).*\\(\\d+ tokens, [\\d.,]+ tokens/s\\)\n");
    assertThat(flushes[0])
        .as("a flush per 4-character chunk")
        .isGreaterThanOrEqualTo(haiku.length() / 4);
  }

  @Test
  void structuredOutputFillsTheRecordFromTheSchema() {
    StructuredOutput.Country country = StructuredOutput.run(client, Chat.DEFAULT_MODEL, out);

    assertThat(country)
        .isEqualTo(
            new StructuredOutput.Country(
                "Canada", "Ottawa", List.of("English", "French"), 41_000_000));
    assertThat(printed())
        .isEqualTo(
            "Name:       Canada\nCapital:    Ottawa\nLanguages:  English, French\nPopulation: 41000000\n");
    JsonNode schema = ollama.lastRequest().format().orElseThrow();
    assertThat(schema.path("properties").has("capital")).isTrue();
    assertThat(schema.path("properties").path("languages").path("type").asText())
        .isEqualTo("array");
  }

  @Test
  void toolLoopRunsEveryCallAndSendsTheResultsBack() {
    String answer = Tools.run(client, Tools.DEFAULT_MODEL, out);

    assertThat(answer).isEqualTo(WEATHER_ANSWER);
    assertThat(printed())
        .isEqualTo(
            "[tool] get_weather({\"city\":\"Tokyo\"}) = sunny, 24 C\n"
                + "[tool] get_weather({\"city\":\"Paris\"}) = light rain, 12 C\n"
                + WEATHER_ANSWER
                + "\n");
    List<RecordedRequest> chats = chats();
    assertThat(chats).hasSize(2);
    assertThat(chats.get(0).tools())
        .extracting(t -> t.path("function").path("name").asText())
        .containsExactly("get_weather");
    List<JsonNode> history = chats.get(1).messages();
    assertThat(history)
        .extracting(m -> m.path("role").asText())
        .containsExactly("user", "assistant", "tool", "tool");
    JsonNode calls = history.get(1).path("tool_calls");
    for (int i = 0; i < 2; i++) {
      JsonNode result = history.get(2 + i);
      assertThat(result.path("tool_name").asText()).isEqualTo("get_weather");
      assertThat(result.path("tool_call_id").asText())
          .isEqualTo(calls.get(i).path("id").asText())
          .isNotEmpty();
    }
    assertThat(history.get(2).path("content").asText()).isEqualTo("sunny, 24 C");
    assertThat(history.get(3).path("content").asText()).isEqualTo("light rain, 12 C");
  }

  @Test
  void toolLoopAnswersAnUnknownToolAndGivesUpAfterFiveRounds() {
    ollama.model("loopy").reply(Reply.toolCall("get_time", Map.of()));

    assertThatThrownBy(() -> Tools.run(client, "loopy", out))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("5 rounds");
    assertThat(chats()).hasSize(5);
    assertThat(printed()).contains("[tool] get_time({}) = no such tool: get_time");
  }

  @Test
  void embeddingsRankTheSentencesByCosineSimilarity() {
    String question = Embeddings.SENTENCES.get(3); // the same text: the fake gives the same vector

    List<Embeddings.Hit> hits = Embeddings.search(client, question, out);

    assertThat(hits.get(0)).isEqualTo(new Embeddings.Hit(hits.get(0).score(), question));
    assertThat(hits.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(ollama.lastRequest().body().path("input"))
        .as("one call for the question and every sentence")
        .hasSize(1 + Embeddings.SENTENCES.size());
    // The order, recomputed here from one embedding per text (the fake's vectors are unit length).
    float[] q = embed(question);
    List<String> expected =
        Embeddings.SENTENCES.stream()
            .sorted(Comparator.comparingDouble((String s) -> -dot(q, embed(s))))
            .collect(Collectors.toList());
    assertThat(hits).extracting(Embeddings.Hit::sentence).isEqualTo(expected);
    assertThat(hits)
        .extracting(Embeddings.Hit::score)
        .isSortedAccordingTo(Comparator.reverseOrder());
    List<String> lines = printed().lines().collect(Collectors.toList());
    assertThat(lines.get(0)).isEqualTo("Question: " + question);
    for (int i = 0; i < hits.size(); i++) {
      assertThat(lines.get(1 + i)).endsWith("  " + expected.get(i));
    }
  }

  private float[] embed(String text) {
    return client.embed(EmbedRequest.builder(Embeddings.MODEL).input(text).build()).embedding();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Test
  void pullDrawsOneProgressBarForTheWholeModelUpTo100PercentAndEndsWithSuccess() {
    assertThat(ollama.hasModel("llama3.2")).isFalse();

    Pull.run(client, "llama3.2", out);

    String full = "[" + "#".repeat(Pull.WIDTH) + "] 100%";
    String printed = printed();
    assertThat(printed)
        .startsWith("pulling manifest\n\r[")
        .contains("\r[------------------------------]   0%")
        .contains(full)
        .contains("\nverifying sha256 digest\n")
        .endsWith("\nsuccess\n");
    // One bar for all the layers: the fake names four, and the bar reaches 100% only at the end.
    assertThat(printed.substring(0, printed.indexOf(full)))
        .doesNotContain("\n[")
        .contains(" of 2019.4 MB");
    assertThat(ollama.hasModel("llama3.2")).isTrue();
    assertThat(Pull.bar(0.5)).isEqualTo("[###############---------------]  50%");
  }

  @Test
  void thinkingIsPrintedApartFromTheAnswer() {
    Thinking.run(client, Thinking.DEFAULT_MODEL, out);

    assertThat(printed())
        .isEqualTo("Thinking:\n" + THOUGHT + "\n\nAnswer:\nThere are three r's.\n");
    assertThat(ollama.lastRequest().think())
        .hasValueSatisfying(t -> assertThat(t.asBoolean()).isTrue());
  }

  @Test
  void imagesSendsThePictureAndPrintsTheDescription() throws IOException {
    Path picture = Path.of("shapes.png");

    Images.run(client, Images.DEFAULT_MODEL, picture, out);

    assertThat(printed()).isEqualTo("shapes.png: A red circle and a blue square.\n");
    JsonNode images = ollama.lastRequest().messages().get(0).path("images");
    assertThat(images).hasSize(1);
    assertThat(images.get(0).asText())
        .isEqualTo(Base64.getEncoder().encodeToString(Files.readAllBytes(picture)));
  }

  private static List<RecordedRequest> chats() {
    return ollama.requests().stream()
        .filter(r -> r.path().equals("/api/chat"))
        .collect(Collectors.toList());
  }
}
