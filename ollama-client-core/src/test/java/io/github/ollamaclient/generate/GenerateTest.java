package io.github.ollamaclient.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.stream.ResponseStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenerateTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** "Generate a completion / Request (No streaming)" response of ollama-examples.md. */
  private static final String NO_STREAMING_RESPONSE =
      """
      {
        "model": "llama3.2",
        "created_at": "2023-08-04T19:22:45.499127Z",
        "response": "The sky is blue because it is the color of the sky.",
        "done": true,
        "context": [1, 2, 3],
        "total_duration": 5043500667,
        "load_duration": 5025959,
        "prompt_eval_count": 26,
        "prompt_eval_duration": 325953000,
        "eval_count": 290,
        "eval_duration": 4709213000
      }
      """;

  private static GenerateRequest.Builder skyRequest() {
    return GenerateRequest.builder("llama3.2").prompt("Why is the sky blue?");
  }

  // ---- the JSON sent ----

  @Test
  void sendsStreamFalseForASingleAnswerAndDecodesIt() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    GenerateResponse answer = ollama.client().generate(skyRequest().build());

    assertThat(answer)
        .isEqualTo(
            new GenerateResponse(
                "llama3.2",
                Instant.parse("2023-08-04T19:22:45.499127Z"),
                "The sky is blue because it is the color of the sky.",
                java.util.Optional.empty(),
                true,
                java.util.Optional.empty(),
                java.util.Optional.of(
                    new Metrics(
                        Duration.ofNanos(5043500667L),
                        Duration.ofNanos(5025959),
                        26,
                        Duration.ofNanos(325953000),
                        290,
                        Duration.ofNanos(4709213000L))),
                List.of(1, 2, 3),
                List.of()));
    var request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/generate");
    assertThat(MockOllama.parse(request))
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "stream": true}
                """));
  }

  @Test
  @SuppressWarnings("deprecation") // context is deprecated by Ollama but must still be sent
  void sendsEveryFieldWithItsWireName() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);
    GenerateRequest request =
        GenerateRequest.builder("llava")
            .prompt("def compute_gcd(a, b):")
            .suffix("    return result")
            .image(Image.fromBase64("aGVsbG8="))
            .format(Format.json())
            .system("You are terse.")
            .template("{{ .System }} {{ .Prompt }}")
            .context(List.of(1, 2, 3))
            .raw(true)
            .think(Think.HIGH)
            .keepAlive(KeepAlive.of(Duration.ofMinutes(5)))
            .options(Options.builder().temperature(0).seed(42).build())
            .logprobs(true)
            .topLogprobs(3)
            .build();

    ollama.client().generate(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llava",
                  "prompt": "def compute_gcd(a, b):",
                  "suffix": "    return result",
                  "images": ["aGVsbG8="],
                  "format": "json",
                  "system": "You are terse.",
                  "template": "{{ .System }} {{ .Prompt }}",
                  "context": [1, 2, 3],
                  "raw": true,
                  "think": "high",
                  "keep_alive": "5m",
                  "options": {"temperature": 0.0, "seed": 42},
                  "logprobs": true,
                  "top_logprobs": 3,
                  "stream": true
                }
                """));
  }

  @Test
  void sendsStreamTrueForAStream() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","response":"Hi","done":true}\
        """);

    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      assertThat(stream.aggregate().response()).isEqualTo("Hi");
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "stream": true}
                """));
  }

  @Test
  void sendsAJsonSchemaFormatAndParsesTheStructuredAnswer() {
    // "Generate a completion / Request (Structured outputs)" of ollama-examples.md
    ollama.enqueueJson(
        """
        {
          "model": "llama3.1:8b",
          "created_at": "2024-12-06T00:48:09.983619Z",
          "response": "{\\n  \\"age\\": 22,\\n  \\"available\\": true\\n}",
          "done": true,
          "done_reason": "stop",
          "context": [1, 2, 3],
          "total_duration": 1075509083,
          "load_duration": 567678166,
          "prompt_eval_count": 28,
          "prompt_eval_duration": 236000000,
          "eval_count": 16,
          "eval_duration": 269000000
        }
        """);
    GenerateRequest request =
        GenerateRequest.builder("llama3.1:8b")
            .prompt("Ollama is 22 years old and is busy saving the world. Respond using JSON")
            .format(
                Format.schema(
                    Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                            "age", Map.of("type", "integer"),
                            "available", Map.of("type", "boolean")),
                        "required",
                        List.of("age", "available"))))
            .build();

    GenerateResponse answer = ollama.client().generate(request);

    assertThat(answer.responseAs(Availability.class)).isEqualTo(new Availability(22, true));
    assertThat(answer.doneReason()).contains("stop");
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.1:8b",
                  "prompt": "Ollama is 22 years old and is busy saving the world. Respond using JSON",
                  "stream": true,
                  "format": {
                    "type": "object",
                    "properties": {"age": {"type": "integer"}, "available": {"type": "boolean"}},
                    "required": ["age", "available"]
                  }
                }
                """));
  }

  record Availability(int age, boolean available) {}

  @Test
  void sendsJsonModeAndParsesTheAnswerIntoNestedRecords() {
    // "Generate a completion / Request (JSON mode)" of ollama-examples.md
    ollama.enqueueJson(
        """
        {
          "model": "llama3.2",
          "created_at": "2023-11-09T21:07:55.186497Z",
          "response": "{\\n\\"morning\\": {\\n\\"color\\": \\"blue\\"\\n},\\n\\"noon\\": {\\n\\"color\\": \\"blue-gray\\"\\n},\\n\\"afternoon\\": {\\n\\"color\\": \\"warm gray\\"\\n},\\n\\"evening\\": {\\n\\"color\\": \\"orange\\"\\n}\\n}\\n",
          "done": true,
          "context": [1, 2, 3],
          "total_duration": 4648158584,
          "load_duration": 4071084,
          "prompt_eval_count": 36,
          "prompt_eval_duration": 439038000,
          "eval_count": 180,
          "eval_duration": 4196918000
        }
        """);

    GenerateResponse answer =
        ollama
            .client()
            .generate(
                GenerateRequest.builder("llama3.2")
                    .prompt(
                        "What color is the sky at different times of the day? Respond using JSON")
                    .format(Format.json())
                    .build());

    assertThat(answer.responseAs(SkyColors.class))
        .isEqualTo(
            new SkyColors(
                new Sky("blue"), new Sky("blue-gray"), new Sky("warm gray"), new Sky("orange")));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "prompt": "What color is the sky at different times of the day? Respond using JSON",
                  "format": "json",
                  "stream": true
                }
                """));
  }

  record Sky(String color) {}

  record SkyColors(Sky morning, Sky noon, Sky afternoon, Sky evening) {}

  @Test
  void sendsTheSuffixForFillInTheMiddle() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama
        .client()
        .generate(
            GenerateRequest.builder("codellama:code")
                .prompt("def compute_gcd(a, b):")
                .suffix("    return result")
                .options(Options.builder().temperature(0).build())
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "codellama:code",
                  "prompt": "def compute_gcd(a, b):",
                  "suffix": "    return result",
                  "options": {"temperature": 0.0},
                  "stream": true
                }
                """));
  }

  @Test
  void sendsImagesAsBase64AndDecodesTheMultimodalAnswer() {
    // "Generate a completion / Request" with images, and its response, of ollama-examples.md
    ollama.enqueueJson(
        """
        {
          "model": "llava",
          "created_at": "2023-11-03T15:36:02.583064Z",
          "response": "A happy cartoon character, which is cute and cheerful.",
          "done": true,
          "context": [1, 2, 3],
          "total_duration": 2938432250,
          "load_duration": 2559292,
          "prompt_eval_count": 1,
          "prompt_eval_duration": 2195557000,
          "eval_count": 44,
          "eval_duration": 736432000
        }
        """);
    byte[] png = "\u0089PNG fake image".getBytes(StandardCharsets.ISO_8859_1);

    GenerateResponse answer =
        ollama
            .client()
            .generate(
                GenerateRequest.builder("llava")
                    .prompt("What is in this picture?")
                    .images(List.of(Image.of(png), Image.fromBase64("data:image/png;base64,AAEC")))
                    .build());

    assertThat(answer.response())
        .isEqualTo("A happy cartoon character, which is cute and cheerful.");
    assertThat(answer.metrics().orElseThrow().promptEvalCount()).isEqualTo(1);
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llava",
                  "prompt": "What is in this picture?",
                  "images": ["iVBORyBmYWtlIGltYWdl", "AAEC"],
                  "stream": true
                }
                """));
  }

  @Test
  void sendsRawMode() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama
        .client()
        .generate(
            GenerateRequest.builder("mistral")
                .prompt("[INST] why is the sky blue? [/INST]")
                .raw(true)
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "mistral",
                  "prompt": "[INST] why is the sky blue? [/INST]",
                  "raw": true,
                  "stream": true
                }
                """));
  }

  @Test
  void sendsTheSystemPromptAndTemplate() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama
        .client()
        .generate(
            skyRequest()
                .system("Answer like a pirate.")
                .template("<s>{{ .System }}</s>{{ .Prompt }}")
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "prompt": "Why is the sky blue?",
                  "system": "Answer like a pirate.",
                  "template": "<s>{{ .System }}</s>{{ .Prompt }}",
                  "stream": true
                }
                """));
  }

  static Stream<Arguments> thinkValues() {
    return Stream.of(
        Arguments.of(Think.ENABLED, "true"),
        Arguments.of(Think.DISABLED, "false"),
        Arguments.of(Think.LOW, "\"low\""),
        Arguments.of(Think.MAX, "\"max\""));
  }

  @ParameterizedTest
  @MethodSource("thinkValues")
  void sendsThinkAsBooleanOrLevel(Think think, String wire) {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama.client().generate(skyRequest().think(think).build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "think": %s,
                 "stream": true}
                """
                    .formatted(wire)));
  }

  static Stream<Arguments> keepAliveValues() {
    return Stream.of(
        Arguments.of(KeepAlive.of(Duration.ofMinutes(90)), "\"1h30m\""),
        Arguments.of(KeepAlive.of(Duration.ofMillis(1500)), "\"1s500ms\""),
        Arguments.of(KeepAlive.FOREVER, "-1"),
        Arguments.of(KeepAlive.UNLOAD, "0"));
  }

  @ParameterizedTest
  @MethodSource("keepAliveValues")
  void sendsKeepAliveAsGoDurationOrNumber(KeepAlive keepAlive, String wire) {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama.client().generate(skyRequest().keepAlive(keepAlive).build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "keep_alive": %s,
                 "stream": true}
                """
                    .formatted(wire)));
  }

  @Test
  @SuppressWarnings("deprecation") // penalize_newline: documented, though servers ignore it
  void sendsEveryDocumentedOptionAndDecodesTheAnswer() {
    // "Generate a completion / Generate request (With options)" of ollama-examples.md
    ollama.enqueueJson(
        """
        {
          "model": "llama3.2",
          "created_at": "2023-08-04T19:22:45.499127Z",
          "response": "The sky is blue because it is the color of the sky.",
          "done": true,
          "context": [1, 2, 3],
          "total_duration": 4935886791,
          "load_duration": 534986708,
          "prompt_eval_count": 26,
          "prompt_eval_duration": 107345000,
          "eval_count": 237,
          "eval_duration": 4289432000
        }
        """);
    Options options =
        Options.builder()
            .numKeep(5)
            .seed(42)
            .numPredict(100)
            .option("draft_num_predict", 4)
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
            .option("numa", false)
            .numCtx(1024)
            .numBatch(2)
            .numGpu(1)
            .mainGpu(0)
            .useMmap(true)
            .numThread(8)
            .build();

    GenerateResponse answer = ollama.client().generate(skyRequest().options(options).build());

    assertThat(answer.metrics().orElseThrow().evalCount()).isEqualTo(237);
    assertThat(answer.metrics().orElseThrow().totalDuration())
        .isEqualTo(Duration.ofSeconds(4, 935886791));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "prompt": "Why is the sky blue?",
                  "stream": true,
                  "options": {
                    "num_keep": 5,
                    "seed": 42,
                    "num_predict": 100,
                    "draft_num_predict": 4,
                    "top_k": 20,
                    "top_p": 0.9,
                    "min_p": 0.0,
                    "typical_p": 0.7,
                    "repeat_last_n": 33,
                    "temperature": 0.8,
                    "repeat_penalty": 1.2,
                    "presence_penalty": 1.5,
                    "frequency_penalty": 1.0,
                    "penalize_newline": true,
                    "stop": ["\\n", "user:"],
                    "numa": false,
                    "num_ctx": 1024,
                    "num_batch": 2,
                    "num_gpu": 1,
                    "main_gpu": 0,
                    "use_mmap": true,
                    "num_thread": 8
                  }
                }
                """));
  }

  @Test
  void streamsWithASeedAndDecodesAnAnswerWithoutContext() {
    // "Generate a completion / Request (Reproducible outputs)" of ollama-examples.md
    ollama.enqueueNdjson(
        """
        {"model": "mistral", "created_at": "2023-11-03T15:36:02.583064Z", \
        "response": " The sky appears blue because of a phenomenon called Rayleigh scattering.", \
        "done": true, "total_duration": 8493852375, "load_duration": 6589624375, \
        "prompt_eval_count": 14, "prompt_eval_duration": 119039000, "eval_count": 110, \
        "eval_duration": 1779061000}\
        """);

    GenerateResponse answer;
    try (ResponseStream<GenerateResponse> stream =
        ollama
            .client()
            .generateStream(
                GenerateRequest.builder("mistral")
                    .prompt("Why is the sky blue?")
                    .options(Options.builder().seed(123).build())
                    .build())) {
      answer = stream.aggregate();
    }

    assertThat(answer.context()).isEmpty();
    assertThat(answer.metrics().orElseThrow().loadDuration())
        .isEqualTo(Duration.ofNanos(6589624375L));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "mistral", "prompt": "Why is the sky blue?", "options": {"seed": 123},
                 "stream": true}
                """));
  }

  @Test
  void sendsNoPromptToLoadTheModel() {
    // "Generate a completion / Load a model" of ollama-examples.md
    ollama.enqueueJson(
        """
        {"model": "llama3.2", "created_at": "2023-12-18T19:52:07.071755Z", "response": "",
         "done": true}
        """);

    GenerateResponse answer = ollama.client().generate(GenerateRequest.builder("llama3.2").build());

    assertThat(answer.done()).isTrue();
    assertThat(answer.response()).isEmpty();
    assertThat(answer.doneReason()).isEmpty();
    assertThat(answer.createdAt()).isEqualTo(Instant.parse("2023-12-18T19:52:07.071755Z"));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\": \"llama3.2\", \"stream\": true}"));
  }

  @Test
  void sendsAnEmptyPromptAsIs() {
    ollama.enqueueJson(NO_STREAMING_RESPONSE);

    ollama.client().generate(GenerateRequest.builder("llama3.2").prompt("").build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json("{\"model\": \"llama3.2\", \"prompt\": \"\", \"stream\": true}"));
  }

  @Test
  void sendsKeepAliveZeroToUnloadTheModel() {
    // "Generate a completion / Unload a model" of ollama-examples.md
    ollama.enqueueJson(
        """
        {"model": "llama3.2", "created_at": "2024-09-12T03:54:03.516566Z", "response": "",
         "done": true, "done_reason": "unload"}
        """);

    GenerateResponse answer =
        ollama
            .client()
            .generate(GenerateRequest.builder("llama3.2").keepAlive(KeepAlive.UNLOAD).build());

    assertThat(answer.doneReason()).contains("unload");
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json("{\"model\": \"llama3.2\", \"keep_alive\": 0, \"stream\": true}"));
  }

  // ---- decoding ----

  @Test
  void decodesTheStreamingExamplesChunkAndFinalChunk() {
    // "Generate a completion / Generate request (Streaming)" responses of ollama-examples.md
    ollama.enqueueNdjson(
        """
        {"model": "llama3.2", "created_at": "2023-08-04T08:52:19.385406455-07:00", \
        "response": "The", "done": false}""",
        """
        {"model": "llama3.2", "created_at": "2023-08-04T19:22:45.499127Z", "response": "", \
        "done": true, "context": [1, 2, 3], "total_duration": 10706818083, \
        "load_duration": 6338219291, "prompt_eval_count": 26, "prompt_eval_duration": 130079000, \
        "eval_count": 259, "eval_duration": 4232710000}""");

    List<GenerateResponse> chunks = new ArrayList<>();
    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      stream.forEach(chunks::add);
    }

    assertThat(chunks).hasSize(2);
    GenerateResponse first = chunks.get(0);
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2023-08-04T15:52:19.385406455Z"));
    assertThat(first.response()).isEqualTo("The");
    assertThat(first.done()).isFalse();
    assertThat(first.metrics()).isEmpty();
    assertThat(first.context()).isEmpty();
    GenerateResponse last = chunks.get(1);
    assertThat(last.done()).isTrue();
    assertThat(last.context()).containsExactly(1, 2, 3);
    assertThat(last.metrics())
        .contains(
            new Metrics(
                Duration.ofSeconds(10, 706818083),
                Duration.ofSeconds(6, 338219291),
                26,
                Duration.ofMillis(130).plusNanos(79000),
                259,
                Duration.ofSeconds(4, 232710000)));
  }

  @Test
  void ignoresUnknownFields() {
    ollama.enqueueJson(
        """
        {"model": "llama3.2", "created_at": "2023-08-04T19:22:45.499127Z", "response": "ok",
         "done": true, "done_reason": "stop", "remote_host": "ollama.com",
         "future": {"nested": [1, 2]}}
        """);

    GenerateResponse answer = ollama.client().generate(skyRequest().build());

    assertThat(answer.response()).isEqualTo("ok");
    assertThat(answer.doneReason()).contains("stop");
  }

  @Test
  void decodesLogprobsWithTheirAlternatives() {
    ollama.enqueueJson(
        """
        {"model": "llama3.2", "created_at": "2025-10-17T23:14:07.414671Z", "response": "Hi",
         "done": true, "done_reason": "stop",
         "logprobs": [{"token": "Hi", "logprob": -0.25, "bytes": [72, 105],
                       "top_logprobs": [{"token": "Hi", "logprob": -0.25, "bytes": [72, 105]},
                                        {"token": "Hey", "logprob": -1.5}]}]}
        """);

    GenerateResponse answer =
        ollama.client().generate(skyRequest().logprobs(true).topLogprobs(2).build());

    assertThat(answer.logprobs())
        .containsExactly(
            new Logprob(
                "Hi",
                -0.25,
                List.of(72, 105),
                List.of(
                    new Logprob.TokenLogprob("Hi", -0.25, List.of(72, 105)),
                    new Logprob.TokenLogprob("Hey", -1.5, List.of()))));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "logprobs": true,
                 "top_logprobs": 2, "stream": true}
                """));
  }

  @Test
  void unparseableStructuredAnswerIsAProtocolErrorWithAPreview() {
    GenerateResponse answer =
        new GenerateResponse("m", null, "{\"age\": \"old\"}", null, true, null, null, null, null);

    assertThatThrownBy(() -> answer.responseAs(Availability.class))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("generate response is not a JSON Availability")
        .hasMessageContaining("\"old\"");
  }

  @Test
  void missingModelIsAModelNotFoundErrorNamingTheModel() {
    ollama.enqueueJson(404, "{\"error\": \"model 'llama9' not found\"}");

    assertThatThrownBy(
            () -> ollama.client().generate(GenerateRequest.builder("llama9").prompt("x").build()))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama9"))
        .hasMessageContaining("llama9");
  }

  // ---- streaming ----

  @Test
  void streamsJapaneseTextSplitInsideCharacters() {
    ollama.enqueueNdjson(
        3,
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"空が","done":false}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":"青いのは","done":false}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:02Z","response":"光の散乱です。","done":true,\
        "done_reason":"stop","eval_count":3,"eval_duration":1500}""");

    List<String> pieces = new ArrayList<>();
    GenerateResponse whole;
    try (ResponseStream<GenerateResponse> stream =
        ollama
            .client()
            .generateStream(GenerateRequest.builder("llama3.2").prompt("空はなぜ青い？").build())) {
      stream.forEach(chunk -> pieces.add(chunk.response()));
      whole = stream.aggregate();
    }

    assertThat(pieces).containsExactly("空が", "青いのは", "光の散乱です。");
    assertThat(whole.response()).isEqualTo("空が青いのは光の散乱です。");
    assertThat(whole.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:02Z"));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "空はなぜ青い？", "stream": true}
                """));
  }

  @Test
  void keepsThinkingApartFromTheResponse() {
    ollama.enqueueNdjson(
        """
        {"model":"qwen3","created_at":"2025-01-01T00:00:00Z","response":"","thinking":"The user asks","done":false}""",
        """
        {"model":"qwen3","created_at":"2025-01-01T00:00:01Z","response":"","thinking":" about the sky.","done":false}""",
        """
        {"model":"qwen3","created_at":"2025-01-01T00:00:02Z","response":"Rayleigh","done":false}""",
        """
        {"model":"qwen3","created_at":"2025-01-01T00:00:03Z","response":" scattering.","done":true,"done_reason":"stop"}""");

    List<GenerateResponse> chunks = new ArrayList<>();
    GenerateResponse whole;
    try (ResponseStream<GenerateResponse> stream =
        ollama
            .client()
            .generateStream(
                GenerateRequest.builder("qwen3")
                    .prompt("Why is the sky blue?")
                    .think(Think.ENABLED)
                    .build())) {
      stream.forEach(chunks::add);
      whole = stream.aggregate();
    }

    assertThat(chunks.get(0).thinking()).contains("The user asks");
    assertThat(chunks.get(0).response()).isEmpty();
    assertThat(chunks.get(2).thinking()).isEmpty();
    assertThat(whole.thinking()).contains("The user asks about the sky.");
    assertThat(whole.response()).isEqualTo("Rayleigh scattering.");
  }

  @Test
  void aggregateWithoutThinkingHasNoThinking() {
    ollama.enqueueNdjson(
        """
        {"model":"m","created_at":"2025-01-01T00:00:00Z","response":"a","done":false}""",
        """
        {"model":"m","created_at":"2025-01-01T00:00:01Z","response":"b","done":true}""");

    GenerateResponse whole;
    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      whole = stream.aggregate();
    }

    assertThat(whole.thinking()).isEmpty();
    assertThat(whole.response()).isEqualTo("ab");
  }

  @Test
  void aggregateAfterPartialIterationIncludesEveryChunkAndTheFinalMetadata() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"The","done":false,\
        "logprobs":[{"token":"The","logprob":-0.1}]}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":" sky","done":false,\
        "logprobs":[{"token":" sky","logprob":-0.2}]}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:02Z","response":"","done":true,\
        "done_reason":"length","context":[7,8],"total_duration":1000000001,"load_duration":2,\
        "prompt_eval_count":5,"prompt_eval_duration":3,"eval_count":2,"eval_duration":4}""");

    GenerateResponse whole;
    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().logprobs(true).build())) {
      assertThat(stream.iterator().next().response()).isEqualTo("The");
      whole = stream.aggregate();
    }

    assertThat(whole)
        .isEqualTo(
            new GenerateResponse(
                "llama3.2",
                Instant.parse("2024-01-01T00:00:02Z"),
                "The sky",
                java.util.Optional.empty(),
                true,
                java.util.Optional.of("length"),
                java.util.Optional.of(
                    new Metrics(
                        Duration.ofSeconds(1, 1),
                        Duration.ofNanos(2),
                        5,
                        Duration.ofNanos(3),
                        2,
                        Duration.ofNanos(4))),
                List.of(7, 8),
                List.of(
                    new Logprob("The", -0.1, List.of(), List.of()),
                    new Logprob(" sky", -0.2, List.of(), List.of()))));
  }

  @Test
  void finalChunkCarriesDoneReasonAndExactMetrics() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"Hi","done":false}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":"","done":true,\
        "done_reason":"stop","total_duration":10706818083,"load_duration":6338219291,\
        "prompt_eval_count":26,"prompt_eval_duration":130079000,"eval_count":259,\
        "eval_duration":4232710000}""");

    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      assertThat(stream.finalChunk()).isEmpty();
      stream.forEach(chunk -> {});

      GenerateResponse last = stream.finalChunk().orElseThrow();
      assertThat(last.doneReason()).contains("stop");
      Metrics metrics = last.metrics().orElseThrow();
      assertThat(metrics.totalDuration().getSeconds()).isEqualTo(10);
      assertThat(metrics.totalDuration().getNano()).isEqualTo(706818083);
      assertThat(metrics.loadDuration().toNanos()).isEqualTo(6338219291L);
      assertThat(metrics.promptEvalDuration().toNanos()).isEqualTo(130079000L);
      assertThat(metrics.evalDuration().toNanos()).isEqualTo(4232710000L);
      assertThat(metrics.promptEvalCount()).isEqualTo(26);
      assertThat(metrics.evalCount()).isEqualTo(259);
    }
  }

  @Test
  void errorLineMidStreamIsThrownAfterTheChunksBeforeIt() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"The","done":false}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":" sky","done":false}""",
        """
        {"error":"llama runner process has terminated: exit status 2"}""");

    List<String> pieces = new ArrayList<>();
    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      assertThatThrownBy(() -> stream.forEach(chunk -> pieces.add(chunk.response())))
          .isInstanceOfSatisfying(
              OllamaStreamException.class,
              e -> {
                assertThat(e.chunksDelivered()).isEqualTo(2);
                assertThat(e.errorMessage())
                    .isEqualTo("llama runner process has terminated: exit status 2");
              })
          .hasMessageContaining("POST /api/generate");
    }

    assertThat(pieces).containsExactly("The", " sky");
  }

  @Test
  void streamEndingWithoutDoneIsAProtocolError() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"The","done":false}""");

    List<String> pieces = new ArrayList<>();
    try (ResponseStream<GenerateResponse> stream =
        ollama.client().generateStream(skyRequest().build())) {
      assertThatThrownBy(() -> stream.forEach(chunk -> pieces.add(chunk.response())))
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/generate")
          .hasMessageContaining("done: true");
    }

    assertThat(pieces).containsExactly("The");
  }

  @Test
  void generateAsyncHandsOverEachChunkAndCompletesWithTheWholeAnswer() throws Exception {
    ollama.enqueueNdjson(
        5,
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:00Z","response":"Rayleigh","done":false}""",
        """
        {"model":"llama3.2","created_at":"2024-01-01T00:00:01Z","response":" scattering","done":true,\
        "done_reason":"stop","eval_count":2}""");
    List<String> pieces = new CopyOnWriteArrayList<>();

    CompletableFuture<GenerateResponse> future =
        ollama.client().generateAsync(skyRequest().build(), chunk -> pieces.add(chunk.response()));
    GenerateResponse whole = future.get(5, TimeUnit.SECONDS);

    assertThat(pieces).containsExactly("Rayleigh", " scattering");
    assertThat(whole.response()).isEqualTo("Rayleigh scattering");
    assertThat(whole.doneReason()).contains("stop");
    assertThat(whole.metrics().orElseThrow().evalCount()).isEqualTo(2);
    JsonNode body = ollama.takeJsonBody();
    assertThat(body)
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "llama3.2", "prompt": "Why is the sky blue?", "stream": true}
                """));
  }

  // ---- request building ----

  @Test
  void blankModelIsRejected() {
    assertThatThrownBy(() -> GenerateRequest.builder(" ").prompt("hi").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model must not be blank");
  }

  @Test
  void negativeTopLogprobsIsRejected() {
    assertThatThrownBy(() -> skyRequest().logprobs(true).topLogprobs(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topLogprobs must be >= 0, was -1");
  }

  @Test
  void topLogprobsWithoutLogprobsIsRejectedNamingBoth() {
    assertThatThrownBy(() -> skyRequest().topLogprobs(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topLogprobs")
        .hasMessageContaining("logprobs(true)");
  }

  @Test
  void suffixWithoutPromptIsRejectedNamingBoth() {
    assertThatThrownBy(() -> GenerateRequest.builder("codellama").suffix("return x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suffix needs a prompt");
  }

  @Test
  void nullValuesAreRejectedByName() {
    assertThatThrownBy(() -> skyRequest().system(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("system");
  }

  @Test
  @SuppressWarnings("deprecation") // context is part of the copied state
  void toBuilderCopiesEveryField() {
    GenerateRequest original =
        skyRequest()
            .suffix("end")
            .image(Image.fromBase64("AAEC"))
            .format(Format.json())
            .system("s")
            .template("t")
            .context(List.of(4, 5))
            .raw(true)
            .think(Think.LOW)
            .keepAlive(KeepAlive.FOREVER)
            .options(Options.builder().seed(1).build())
            .logprobs(true)
            .topLogprobs(0)
            .build();

    GenerateRequest copy = original.toBuilder().build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(copy.context()).containsExactly(4, 5);
    assertThat(copy.topLogprobs()).hasValue(0);
    assertThat(original.toBuilder().prompt("other").build()).isNotEqualTo(original);
  }

  @Test
  void accessorsOfAnUnsetRequestAreEmptyNotNull() {
    GenerateRequest request = GenerateRequest.builder("llama3.2").build();

    assertThat(request.prompt()).isEmpty();
    assertThat(request.images()).isEmpty();
    assertThat(request.format()).isEmpty();
    assertThat(request.raw()).isEmpty();
    assertThat(request.logprobs()).isEmpty();
    assertThat(request.truncate()).isEmpty();
    assertThat(request.shift()).isEmpty();
    assertThat(request.topLogprobs()).isEmpty();
    assertThat(request.keepAlive()).isEmpty();
  }
}
