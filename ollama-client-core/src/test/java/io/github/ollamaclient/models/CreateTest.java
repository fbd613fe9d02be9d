package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.stream.ResponseStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String DIGEST_A =
      "sha256:432f310a77f4650a88d0fd59ecdd7cebed8d684bafea53cbff0473542964f0c3";
  private static final String DIGEST_B =
      "sha256:1ff795ff6a07e6a68085d206fb84417da2f083f68391c2843cd2b8ac6df8538f";

  private ProgressResponse create(CreateRequest request) {
    try (ResponseStream<ProgressResponse> stream = ollama.client().create(request)) {
      return stream.aggregate();
    }
  }

  @Test
  void createFromAModelSendsTheDocumentedBodyAndDecodesItsProgress() {
    ollama.enqueueNdjson(
        "{\"status\":\"reading model metadata\"}",
        "{\"status\":\"creating system layer\"}",
        "{\"status\":\"using already created layer"
            + " sha256:22f7f8ef5f4c791c1b03d7eb414399294764d7cc82c7e94aa81a1feb80a983a2\"}",
        "{\"status\":\"writing layer"
            + " sha256:df30045fe90f0d750db82a058109cecd6d4de9c90a3d75b19c09e5f64580bb42\"}",
        "{\"status\":\"writing manifest\"}",
        "{\"status\":\"success\"}");
    CreateRequest request =
        CreateRequest.builder("mario")
            .from("llama3.2")
            .system("You are Mario from Super Mario Bros.")
            .build();
    List<String> statuses = new ArrayList<>();

    try (ResponseStream<ProgressResponse> stream = ollama.client().create(request)) {
      stream.forEach(line -> statuses.add(line.status()));
    }

    assertThat(statuses)
        .startsWith("reading model metadata", "creating system layer")
        .endsWith("writing manifest", "success");
    RecordedRequest sent = ollama.takeRequest();
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getTarget()).isEqualTo("/api/create");
    assertThat(MockOllama.parse(sent))
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "mario", "from": "llama3.2",
                 "system": "You are Mario from Super Mario Bros.", "stream": true}
                """));
  }

  @Test
  void messagesBuiltIntoTheModelAreSentAsAConversation() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");
    CreateRequest request =
        CreateRequest.builder("mario")
            .from("llama3.2")
            .message(Message.user("Who are you?"))
            .messages(List.of(Message.assistant("It's-a me, Mario!")))
            .build();

    create(request);

    assertThat(request.messages()).hasSize(2);
    assertThat(request.toBuilder().build().messages()).isEqualTo(request.messages());
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "mario", "from": "llama3.2", "stream": true,
                 "messages": [{"role": "user", "content": "Who are you?"},
                              {"role": "assistant", "content": "It's-a me, Mario!"}]}
                """));
  }

  @Test
  void quantizeSendsTheLevelAndDecodesByteCounts() {
    ollama.enqueueNdjson(
        """
        {"status":"quantizing F16 model to Q4_K_M","digest":"0","total":6433687776,\
        "completed":12302}""",
        """
        {"status":"quantizing F16 model to Q4_K_M","digest":"0","total":6433687776,\
        "completed":6433687552}""",
        "{\"status\":\"verifying conversion\"}",
        "{\"status\":\"writing manifest\"}",
        "{\"status\":\"success\"}");
    List<ProgressResponse> seen = new ArrayList<>();

    try (ResponseStream<ProgressResponse> stream =
        ollama
            .client()
            .create(
                CreateRequest.builder("llama3.2:quantized")
                    .from("llama3.2:3b-instruct-fp16")
                    .quantize("q4_K_M")
                    .build())) {
      stream.forEach(seen::add);
    }

    assertThat(seen.get(1).completed()).isEqualTo(OptionalLong.of(6433687552L));
    assertThat(seen.get(1).digest()).contains("0");
    assertThat(seen.get(1).fraction().getAsDouble()).isGreaterThan(0.99).isLessThan(1.0);
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2:quantized", "from": "llama3.2:3b-instruct-fp16",
                 "quantize": "q4_K_M", "stream": true}
                """));
  }

  @Test
  void createAsyncReportsEveryLineThenCompletesWithSuccess() throws Exception {
    ollama.enqueueNdjson(
        "{\"status\":\"reading model metadata\"}",
        "{\"status\":\"writing manifest\"}",
        "{\"status\":\"success\"}");
    List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();

    ProgressResponse done =
        ollama
            .client()
            .createAsync(
                CreateRequest.builder("mario").from("llama3.2").build(),
                p -> statuses.add(p.status()))
            .get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(done.isSuccess()).isTrue();
    assertThat(statuses).containsExactly("reading model metadata", "writing manifest", "success");
    assertThat(ollama.takeJsonBody().get("from").asText()).isEqualTo("llama3.2");
  }

  @Test
  void createFromGgufSendsTheFileDigest() {
    ollama.enqueueNdjson(
        "{\"status\":\"parsing GGUF\"}",
        "{\"status\":\"using existing layer " + DIGEST_A + "\"}",
        "{\"status\":\"writing manifest\"}",
        "{\"status\":\"success\"}");

    ProgressResponse done =
        create(CreateRequest.builder("my-gguf-model").file("test.gguf", DIGEST_A).build());

    assertThat(done.isSuccess()).isTrue();
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "my-gguf-model", "files": {"test.gguf": "%s"}, "stream": true}
                """
                    .formatted(DIGEST_A)));
  }

  @Test
  void createFromSafetensorsSendsEveryFile() {
    ollama.enqueueNdjson(
        "{\"status\":\"converting model\"}",
        "{\"status\":\"using autodetected template llama3-instruct\"}",
        "{\"status\":\"success\"}");

    create(
        CreateRequest.builder("fred")
            .file("config.json", DIGEST_A)
            .file("model.safetensors", DIGEST_B)
            .build());

    assertThat(ollama.takeJsonBody().get("files"))
        .isEqualTo(
            MockOllama.json(
                """
                {"config.json": "%s", "model.safetensors": "%s"}
                """
                    .formatted(DIGEST_A, DIGEST_B)));
  }

  @Test
  void everyDocumentedFieldIsSentUnderItsWireName() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    create(
        CreateRequest.builder("me/assistant:1")
            .from("llama3.2")
            .adapter("adapter.gguf", DIGEST_B)
            .template("{{ .Prompt }}")
            .renderer("qwen3-coder")
            .parser("qwen3-coder")
            .license("MIT", "Apache-2.0")
            .system("Be brief.")
            .parameter("temperature", 0.2)
            .parameters(Map.of("stop", List.of("<|end|>")))
            .quantize("q8_0")
            .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "me/assistant:1",
                  "from": "llama3.2",
                  "adapters": {"adapter.gguf": "%s"},
                  "template": "{{ .Prompt }}",
                  "renderer": "qwen3-coder",
                  "parser": "qwen3-coder",
                  "license": ["MIT", "Apache-2.0"],
                  "system": "Be brief.",
                  "parameters": {"temperature": 0.2, "stop": ["<|end|>"]},
                  "quantize": "q8_0",
                  "stream": true
                }
                """
                    .formatted(DIGEST_B)));
  }

  @Test
  void oneLicenseIsSentAsAString() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    create(CreateRequest.builder("m").from("llama3.2").license("MIT").build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                "{\"model\":\"m\",\"from\":\"llama3.2\",\"license\":\"MIT\",\"stream\":true}"));
  }

  @Test
  void createFromAMissingModelIsModelNotFoundNamingIt() {
    ollama.enqueueJson(404, "{\"error\":\"model 'llama9' not found\"}");

    assertThatThrownBy(
            () -> ollama.client().create(CreateRequest.builder("m").from("llama9").build()))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama9"))
        .hasMessageContaining("ollama pull llama9");
  }

  @Test
  void buildRejectsABlankModelByName() {
    assertThatThrownBy(() -> CreateRequest.builder(" ").from("llama3.2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void malformedFileDigestIsRejectedNamingTheFile() {
    assertThatThrownBy(() -> CreateRequest.builder("m").file("model.gguf", "sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("digest of file model.gguf")
        .hasMessageContaining("64 lowercase hex digits");
  }

  @Test
  void blankFileNameIsRejectedByName() {
    assertThatThrownBy(() -> CreateRequest.builder("m").adapter("", Path.of("a.gguf")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adapter name must not be blank");
  }

  @Test
  void nullParameterValueIsRejectedNamingTheParameter() {
    assertThatThrownBy(() -> CreateRequest.builder("m").parameter("temperature", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value of parameter temperature");
  }

  @Test
  void aLaterFileOfTheSameNameReplacesAnEarlierPath() {
    CreateRequest request =
        CreateRequest.builder("m")
            .file("model.gguf", Path.of("model.gguf"))
            .file("model.gguf", DIGEST_A)
            .build();

    assertThat(request.files()).containsExactly(Map.entry("model.gguf", DIGEST_A));
    assertThat(request.filePaths()).isEmpty();
  }

  @Test
  void toBuilderKeepsEveryValue() {
    CreateRequest request =
        CreateRequest.builder("m")
            .from("llama3.2")
            .file("a.gguf", Path.of("a.gguf"))
            .adapter("b.gguf", DIGEST_B)
            .template("t")
            .renderer("r")
            .parser("p")
            .license("MIT")
            .system("s")
            .parameter("num_ctx", 8192)
            .quantize("q8_0")
            .build();

    CreateRequest copy = request.toBuilder().model("n").build();

    assertThat(copy.model()).isEqualTo("n");
    assertThat(copy.from()).contains("llama3.2");
    assertThat(copy.filePaths()).containsEntry("a.gguf", Path.of("a.gguf"));
    assertThat(copy.adapters()).containsEntry("b.gguf", DIGEST_B);
    assertThat(copy.template()).contains("t");
    assertThat(copy.renderer()).contains("r");
    assertThat(copy.parser()).contains("p");
    assertThat(copy.license()).containsExactly("MIT");
    assertThat(copy.system()).contains("s");
    assertThat(copy.parameters()).containsEntry("num_ctx", 8192);
    assertThat(copy.quantize()).contains("q8_0");
  }

  @Test
  void theV033FieldsAreSentUnderTheirWireNames() {
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    create(
        CreateRequest.builder("me/fast:1")
            .from("llama3.2")
            .draftFile("draft.gguf", DIGEST_A)
            .draftQuantize("q8_0")
            .remoteHost("https://ollama.com:443")
            .requires("0.12.6")
            .info("source", "https://example.com/fast")
            .info(Map.of("tags", List.of("code", "fast")))
            .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "me/fast:1",
                  "from": "llama3.2",
                  "draft_files": {"draft.gguf": "%s"},
                  "draft_quantize": "q8_0",
                  "remote_host": "https://ollama.com:443",
                  "requires": "0.12.6",
                  "info": {"source": "https://example.com/fast", "tags": ["code", "fast"]},
                  "stream": true
                }
                """
                    .formatted(DIGEST_A)));
  }

  @Test
  void theV033FieldsAreLeftOutWhenUnset() {
    CreateRequest request = CreateRequest.builder("m").from("llama3.2").build();

    assertThat(request.draftFiles()).isEmpty();
    assertThat(request.draftFilePaths()).isEmpty();
    assertThat(request.draftQuantize()).isEmpty();
    assertThat(request.remoteHost()).isEmpty();
    assertThat(request.requires()).isEmpty();
    assertThat(request.info()).isEmpty();
    ollama.enqueueNdjson("{\"status\":\"success\"}");
    create(request);
    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\":\"m\",\"from\":\"llama3.2\",\"stream\":true}"));
  }

  @Test
  void badV033ValuesAreRejectedByName() {
    CreateRequest.Builder builder = CreateRequest.builder("m");
    assertThatThrownBy(() -> builder.draftFile("draft.gguf", "sha256:abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("digest of draft file draft.gguf");
    assertThatThrownBy(() -> builder.draftFile(" ", DIGEST_A))
        .hasMessage("draft file name must not be blank");
    assertThatThrownBy(() -> builder.draftQuantize(""))
        .hasMessage("draftQuantize must not be blank");
    assertThatThrownBy(() -> builder.remoteHost("ollama.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("remoteHost must be an http or https URL, was \"ollama.com\"");
    assertThatThrownBy(() -> builder.remoteHost("ftp://ollama.com"))
        .hasMessageContaining("remoteHost");
    assertThatThrownBy(() -> builder.requires("latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requires must be an Ollama version such as 0.12.6, was \"latest\"");
    assertThatThrownBy(() -> builder.info("source", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value of info source");
    assertThatThrownBy(() -> builder.info(" ", "x")).hasMessage("info key must not be blank");
    assertThat(builder.requires("0.13.0-rc1").build().requires()).contains("0.13.0-rc1");
  }

  @Test
  void toBuilderKeepsTheV033Values() {
    CreateRequest request =
        CreateRequest.builder("m")
            .from("llama3.2")
            .draftFile("a.gguf", Path.of("a.gguf"))
            .draftFile("b.gguf", DIGEST_B)
            .draftQuantize("q8_0")
            .remoteHost("http://gpu-box:11434")
            .requires("0.12")
            .info("k", 1)
            .build();

    CreateRequest copy = request.toBuilder().build();

    assertThat(copy.draftFilePaths()).containsExactly(Map.entry("a.gguf", Path.of("a.gguf")));
    assertThat(copy.draftFiles()).containsExactly(Map.entry("b.gguf", DIGEST_B));
    assertThat(copy.draftQuantize()).contains("q8_0");
    assertThat(copy.remoteHost()).contains("http://gpu-box:11434");
    assertThat(copy.requires()).contains("0.12");
    assertThat(copy.info()).containsExactly(Map.entry("k", 1));
  }
}
