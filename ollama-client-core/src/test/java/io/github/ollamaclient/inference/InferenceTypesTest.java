package io.github.ollamaclient.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.OllamaJson;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceTypesTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static JsonNode wire(Object value) {
    return Json.toTree(value);
  }

  private static JsonNode json(String text) throws Exception {
    return PLAIN.readTree(text);
  }

  @Test
  void keepAliveDurationIsSentAsAGoDuration() {
    assertThat(wire(KeepAlive.of(Duration.ofMinutes(5))).asText()).isEqualTo("5m");
    assertThat(wire(KeepAlive.of(Duration.ofMinutes(90))).asText()).isEqualTo("1h30m");
    assertThat(wire(KeepAlive.of(Duration.ofSeconds(45))).asText()).isEqualTo("45s");
    assertThat(wire(KeepAlive.of(Duration.ofMillis(1500))).asText()).isEqualTo("1s500ms");
    assertThat(wire(KeepAlive.of(Duration.ofHours(26))).asText()).isEqualTo("26h");
  }

  @Test
  void keepAliveForeverAndUnloadAreNumbers() {
    assertThat(wire(KeepAlive.FOREVER).isInt()).isTrue();
    assertThat(wire(KeepAlive.FOREVER).asInt()).isEqualTo(-1);
    assertThat(wire(KeepAlive.UNLOAD).asInt()).isZero();
    assertThat(KeepAlive.of(Duration.ZERO)).isSameAs(KeepAlive.UNLOAD);
    assertThat(KeepAlive.FOREVER.isForever()).isTrue();
    assertThat(KeepAlive.FOREVER.duration()).isEmpty();
  }

  @Test
  void negativeKeepAliveIsRejectedWithTheWayToSayForever() {
    assertThatThrownBy(() -> KeepAlive.of(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keepAlive must not be negative")
        .hasMessageContaining("KeepAlive.FOREVER");
  }

  @Test
  void thinkIsABooleanOrALevel() {
    assertThat(wire(Think.ENABLED).isBoolean()).isTrue();
    assertThat(wire(Think.ENABLED).asBoolean()).isTrue();
    assertThat(wire(Think.DISABLED).asBoolean()).isFalse();
    assertThat(wire(Think.HIGH).asText()).isEqualTo("high");
    assertThat(Think.level("MAX")).isSameAs(Think.MAX);
    assertThat(wire(Think.MINIMAL).asText()).isEqualTo("minimal");
    assertThat(Think.level("minimal")).isSameAs(Think.MINIMAL);
    assertThatThrownBy(() -> Think.level("extreme"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "think level must be minimal, low, medium, high or max, was \"extreme\"");
  }

  @Test
  void formatIsJsonOrASchemaObject() throws Exception {
    assertThat(wire(Format.json()).asText()).isEqualTo("json");
    Format schema =
        Format.schema(
            Map.of("type", "object", "properties", Map.of("age", Map.of("type", "integer"))));
    assertThat(wire(schema))
        .isEqualTo(json("{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\"}}}"));
    assertThat(schema.schema()).isPresent();
    assertThat(Format.json().schema()).isEmpty();
  }

  @Test
  void formatSchemaMustBeAnObject() {
    assertThatThrownBy(() -> Format.schema(List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format schema must be a JSON object");
  }

  @Test
  @SuppressWarnings("deprecation") // penalize_newline: still sent, though servers ignore it
  void optionsAreSentByTheirWireNamesInOrder() throws Exception {
    Options options =
        Options.builder()
            .numKeep(5)
            .seed(42)
            .numPredict(100)
            .topK(20)
            .topP(0.9)
            .minP(0.0)
            .typicalP(0.7)
            .repeatLastN(33)
            .temperature(0.8)
            .repeatPenalty(1.2)
            .presencePenalty(1.5)
            .frequencyPenalty(1.0)
            .penalizeNewline(true)
            .stop("\n", "user:")
            .numCtx(1024)
            .numBatch(2)
            .numGpu(1)
            .mainGpu(0)
            .useMmap(true)
            .numThread(8)
            .draftNumPredict(4)
            .option("numa", false)
            .build();

    assertThat(wire(options))
        .isEqualTo(
            json(
                """
                {"num_keep":5,"seed":42,"num_predict":100,"top_k":20,"top_p":0.9,"min_p":0.0,
                 "typical_p":0.7,"repeat_last_n":33,"temperature":0.8,"repeat_penalty":1.2,
                 "presence_penalty":1.5,"frequency_penalty":1.0,"penalize_newline":true,
                 "stop":["\\n","user:"],"num_ctx":1024,"num_batch":2,"num_gpu":1,"main_gpu":0,
                 "use_mmap":true,"num_thread":8,"draft_num_predict":4,"numa":false}
                """));
    assertThat(options.get("seed")).contains(42);
    assertThat(options.toBuilder().seed(7).build().get("seed")).contains(7);
  }

  @Test
  void invalidOptionValuesAreRejectedByName() {
    assertThatThrownBy(() -> Options.builder().temperature(-0.1))
        .hasMessage("temperature must be >= 0.0, was -0.1");
    assertThatThrownBy(() -> Options.builder().topP(1.5))
        .hasMessage("top_p must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> Options.builder().numCtx(0)).hasMessage("num_ctx must be > 0, was 0");
    assertThatThrownBy(() -> Options.builder().temperature(Double.NaN))
        .hasMessage("temperature must be a finite number, was NaN");
    assertThatThrownBy(() -> Options.builder().stop(""))
        .hasMessage("stop sequences must not be empty");
    assertThatThrownBy(() -> Options.builder().option(" ", 1))
        .hasMessage("option name must not be blank");
    assertThatThrownBy(() -> Options.builder().draftNumPredict(-1))
        .hasMessage("draft_num_predict must be >= 0, was -1");
  }

  @Test
  void draftNumPredictZeroTurnsDraftingOffAndIsSent() {
    assertThat(Options.builder().draftNumPredict(0).build().asMap())
        .containsExactly(Map.entry("draft_num_predict", 0));
    assertThat(Options.builder().draftNumPredict(8).build().get("draft_num_predict")).contains(8);
  }

  @Test
  void imageIsSentAsBareBase64() {
    Image image = Image.of("png-bytes".getBytes(StandardCharsets.UTF_8));

    assertThat(wire(image).asText()).isEqualTo("cG5nLWJ5dGVz");
    assertThat(new String(image.bytes(), StandardCharsets.UTF_8)).isEqualTo("png-bytes");
  }

  @Test
  void imageDataUrlPrefixIsStripped() {
    assertThat(Image.fromBase64("data:image/png;base64,cG5nLWJ5dGVz").base64())
        .isEqualTo("cG5nLWJ5dGVz");
  }

  @Test
  void imageFromPathReadsTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cat.png");
    Files.write(file, new byte[] {1, 2, 3});

    assertThat(Image.fromPath(file).bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void invalidBase64IsRejected() {
    assertThatThrownBy(() -> Image.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image is not valid base64");
  }

  @Test
  void imageToStringNeverPrintsTheData() {
    assertThat(Image.of(new byte[300]).toString()).isEqualTo("Image[300 bytes]");
  }

  @Test
  void metricsComputeTokensPerSecond() {
    Metrics metrics =
        new Metrics(
            Duration.ofSeconds(5),
            Duration.ZERO,
            26,
            Duration.ofMillis(100),
            200,
            Duration.ofSeconds(4));

    assertThat(metrics.tokensPerSecond()).isEqualTo(50.0);
  }

  @Test
  void metricsAreAbsentOnIntermediateChunksAndConvertedFromNanos() {
    assertThat(chunk("{\"model\":\"m\",\"done\":false}").metrics()).isEmpty();
    Metrics metrics =
        chunk(
                "{\"model\":\"m\",\"done\":true,\"total_duration\":4935886791,"
                    + "\"load_duration\":534986708,\"prompt_eval_count\":26,"
                    + "\"prompt_eval_duration\":107345000,\"eval_count\":237,"
                    + "\"eval_duration\":4289432000}")
            .metrics()
            .orElseThrow();
    assertThat(metrics.totalDuration()).isEqualTo(Duration.ofNanos(4935886791L));
    assertThat(metrics.evalCount()).isEqualTo(237);
    assertThat(metrics.promptEvalDuration()).isEqualTo(Duration.ofMillis(107).plusNanos(345000));
  }

  private static ChatResponse chunk(String json) {
    return OllamaJson.read(json, ChatResponse.class);
  }
}
