package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.RemoteModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ListShowPsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  /** "List Local Models / Response" from ollama-examples.md. */
  private static final String LIST_EXAMPLE =
      """
      {
        "models": [
          {
            "name": "deepseek-r1:latest",
            "model": "deepseek-r1:latest",
            "modified_at": "2025-05-10T08:06:48.639712648-07:00",
            "size": 4683075271,
            "digest": "0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163",
            "details": {
              "parent_model": "",
              "format": "gguf",
              "family": "qwen2",
              "families": ["qwen2"],
              "parameter_size": "7.6B",
              "quantization_level": "Q4_K_M"
            }
          },
          {
            "name": "llama3.2:latest",
            "model": "llama3.2:latest",
            "modified_at": "2025-05-04T17:37:44.706015396-07:00",
            "size": 2019393189,
            "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
            "details": {
              "parent_model": "",
              "format": "gguf",
              "family": "llama",
              "families": ["llama"],
              "parameter_size": "3.2B",
              "quantization_level": "Q4_K_M"
            }
          }
        ]
      }
      """;

  /** The /api/show example of ollama-openapi.yaml, as JSON (model_info shortened). */
  private static final String SHOW_OPENAPI_EXAMPLE =
      """
      {
        "parameters": "temperature 0.7\\nnum_ctx 2048",
        "license": "Gemma Terms of Use \\n\\nLast modified: February 21, 2024...",
        "capabilities": ["completion", "vision"],
        "modified_at": "2025-08-14T15:49:43.634137516-07:00",
        "details": {
          "parent_model": "",
          "format": "gguf",
          "family": "gemma4",
          "families": ["gemma4"],
          "parameter_size": "8.0B",
          "quantization_level": "Q4_K_M"
        },
        "model_info": {
          "gemma4.attention.head_count": 8,
          "gemma4.attention.layer_norm_rms_epsilon": 0.000001,
          "gemma4.block_count": 42,
          "gemma4.context_length": 131072,
          "gemma4.embedding_length": 2560,
          "general.architecture": "gemma4",
          "general.file_type": 15,
          "general.quantization_version": 2,
          "tokenizer.ggml.add_bos_token": false,
          "tokenizer.ggml.eos_token_ids": [1, 106, 50],
          "tokenizer.ggml.merges": null,
          "tokenizer.ggml.model": "llama",
          "tokenizer.ggml.tokens": null
        }
      }
      """;

  @Test
  void listSendsGetApiTags() {
    ollama.enqueueJson(LIST_EXAMPLE);

    ollama.client().list();

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/tags");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void listDecodesTheDocumentedExample() {
    ollama.enqueueJson(LIST_EXAMPLE);

    List<ModelSummary> models = ollama.client().list();

    assertThat(models).hasSize(2);
    ModelSummary first = models.get(0);
    assertThat(first.name()).isEqualTo("deepseek-r1:latest");
    assertThat(first.model()).isEqualTo("deepseek-r1:latest");
    assertThat(first.modifiedAt()).isEqualTo(Instant.parse("2025-05-10T15:06:48.639712648Z"));
    assertThat(first.size()).isEqualTo(4683075271L);
    assertThat(first.digest())
        .isEqualTo("0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163");
    assertThat(first.details())
        .isEqualTo(
            new ModelDetails(
                "gguf",
                "qwen2",
                List.of("qwen2"),
                "7.6B",
                "Q4_K_M",
                "",
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.empty()));
    assertThat(first.remote()).isEmpty();
    assertThat(first.capabilities()).isEmpty();
    assertThat(models.get(1).details().family()).isEqualTo("llama");
    assertThat(models.get(1).details().parameterSize()).isEqualTo("3.2B");
  }

  @Test
  void listDecodesARemoteModelsUpstream() {
    ollama.enqueueJson(
        """
        {"models": [{"name": "gpt-oss:120b-cloud", "model": "gpt-oss:120b-cloud",
          "remote_model": "gpt-oss:120b", "remote_host": "https://ollama.com:443",
          "modified_at": "2025-09-23T10:00:00Z", "size": 384, "digest": "abc"}]}
        """);

    ModelSummary model = ollama.client().list().get(0);

    assertThat(model.remote()).contains(new RemoteModel("gpt-oss:120b", "https://ollama.com:443"));
    assertThat(model.details()).isEqualTo(ModelDetails.EMPTY);
  }

  @Test
  void listOfAServerWithoutModelsIsEmpty() {
    ollama.enqueueJson("{\"models\":[]}");

    assertThat(ollama.client().list()).isEmpty();
  }

  @Test
  void missingFieldsBecomeEmptyValuesNotNulls() {
    ollama.enqueueJson("{\"models\":[{\"name\":\"x\",\"details\":{\"family\":\"llama\"}}]}");

    ModelSummary model = ollama.client().list().get(0);

    assertThat(model.model()).isEmpty();
    assertThat(model.digest()).isEmpty();
    assertThat(model.size()).isZero();
    assertThat(model.modifiedAt()).isEqualTo(Instant.EPOCH);
    assertThat(model.details().families()).isEmpty();
    assertThat(model.details().format()).isEmpty();
    assertThat(model.details().parentModel()).isEmpty();
  }

  @Test
  void unknownResponseFieldsAreIgnored() {
    ollama.enqueueJson(
        """
        {"models": [{"name": "llama3.2:latest", "size": 1, "future": {"a": [1]},
          "details": {"format": "gguf", "new_detail": true}}], "next_page": "x"}
        """);

    List<ModelSummary> models = ollama.client().list();

    assertThat(models).extracting(ModelSummary::name).containsExactly("llama3.2:latest");
    assertThat(models.get(0).details().format()).isEqualTo("gguf");
  }

  @Test
  void showSendsOnlyTheModel() {
    ollama.enqueueJson(SHOW_OPENAPI_EXAMPLE);

    ollama.client().show("llava");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/show");
    assertThat(MockOllama.parse(request)).isEqualTo(MockOllama.json("{\"model\":\"llava\"}"));
  }

  @Test
  void showVerboseSendsVerboseTrue() {
    ollama.enqueueJson(SHOW_OPENAPI_EXAMPLE);

    ollama.client().show("gemma4", true);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"model\":\"gemma4\",\"verbose\":true}"));
  }

  @Test
  void showRequestSendsSystemAndOptionsOnlyWhenSet() {
    ollama.enqueueJson(SHOW_OPENAPI_EXAMPLE);
    ollama.enqueueJson(SHOW_OPENAPI_EXAMPLE);
    ShowRequest request =
        ShowRequest.builder("gemma4")
            .verbose(true)
            .system("You are terse.")
            .options(Options.builder().numCtx(8192).temperature(0.2).build())
            .build();

    ollama.client().show(request);
    ollama.client().show(ShowRequest.builder("gemma4").build());

    assertThat(ollama.takeRequest().getBody().string(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"model\":\"gemma4\",\"verbose\":true,\"system\":\"You are terse.\","
                + "\"options\":{\"num_ctx\":8192,\"temperature\":0.2}}");
    assertThat(ollama.takeRequest().getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"gemma4\"}");
    assertThat(request.toBuilder().build()).isEqualTo(request);
    assertThat(request.system()).contains("You are terse.");
    assertThat(request.options().orElseThrow().get("num_ctx")).contains(8192);
  }

  @Test
  void showRequestRejectsABlankModel() {
    assertThatThrownBy(() -> ShowRequest.builder(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void showDecodesTheOpenApiExample() {
    ollama.enqueueJson(SHOW_OPENAPI_EXAMPLE);

    ShowResponse show = ollama.client().show("gemma4");

    assertThat(show.parameters()).isEqualTo("temperature 0.7\nnum_ctx 2048");
    assertThat(show.license()).hasValueSatisfying(text -> assertThat(text).startsWith("Gemma"));
    assertThat(show.capabilities()).containsExactly("completion", "vision");
    assertThat(show.modifiedAt()).isEqualTo(Instant.parse("2025-08-14T22:49:43.634137516Z"));
    assertThat(show.details().family()).isEqualTo("gemma4");
    assertThat(show.details().quantizationLevel()).isEqualTo("Q4_K_M");
    assertThat(show.modelInfo().get("gemma4.block_count").asInt()).isEqualTo(42);
    assertThat(show.modelInfo().get("tokenizer.ggml.tokens").isNull()).isTrue();
    assertThat(show.architecture()).contains("gemma4");
    assertThat(show.contextLength()).isEqualTo(OptionalInt.of(131072));
    assertThat(show.modelfile()).isEmpty();
    assertThat(show.template()).isEmpty();
    assertThat(show.system()).isEmpty();
  }

  @Test
  void showDecodesModelfileTemplateAndSystem() {
    ollama.enqueueJson(
        """
        {
          "modelfile": "# Modelfile generated by \\"ollama show\\"\\nFROM llava:latest\\n",
          "parameters": "stop \\"<|im_end|>\\"",
          "template": "{{ if .System }}<|im_start|>system\\n{{ .System }}<|im_end|>{{ end }}",
          "system": "You are a helpful assistant.",
          "details": {"parent_model": "", "format": "gguf", "family": "llama",
            "families": ["llama", "clip"], "parameter_size": "7B", "quantization_level": "Q4_0"},
          "model_info": {"general.architecture": "llama", "llama.context_length": 32768},
          "capabilities": ["completion", "vision"]
        }
        """);

    ShowResponse show = ollama.client().show("llava");

    assertThat(show.modelfile()).contains("FROM llava:latest");
    assertThat(show.template()).startsWith("{{ if .System }}");
    assertThat(show.system()).contains("You are a helpful assistant.");
    assertThat(show.details().families()).containsExactly("llama", "clip");
    assertThat(show.contextLength()).isEqualTo(OptionalInt.of(32768));
    assertThat(show.modifiedAt()).isEqualTo(Instant.EPOCH);
    assertThat(show.license()).isEmpty();
  }

  @Test
  void contextLengthIsEmptyWithoutModelInfo() {
    ollama.enqueueJson("{\"modelfile\":\"FROM x\"}");

    ShowResponse show = ollama.client().show("x");

    assertThat(show.modelInfo().isObject()).isTrue();
    assertThat(show.modelInfo().isEmpty()).isTrue();
    assertThat(show.architecture()).isEmpty();
    assertThat(show.contextLength()).isEmpty();
    assertThat(show.capabilities()).isEmpty();
    assertThat(show.details()).isEqualTo(ModelDetails.EMPTY);
  }

  @Test
  void showOfAMissingModelIsModelNotFound() {
    ollama.enqueueJson(404, "{\"error\":\"model 'llava' not found\"}");

    assertThatThrownBy(() -> ollama.client().show("llava"))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llava"))
        .hasMessageContaining("model 'llava' not found")
        .hasMessageContaining("client.pull(\"llava\")");
  }

  @Test
  void showRejectsABlankModelByName() {
    assertThatThrownBy(() -> ollama.client().show(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void psSendsGetApiPs() {
    ollama.enqueueJson("{\"models\":[]}");

    assertThat(ollama.client().ps()).isEmpty();

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/ps");
  }

  @Test
  void psDecodesTheDocumentedExample() {
    ollama.enqueueJson(
        """
        {
          "models": [
            {
              "name": "mistral:latest",
              "model": "mistral:latest",
              "size": 5137025024,
              "digest": "2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8",
              "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "llama",
                "families": ["llama"],
                "parameter_size": "7.2B",
                "quantization_level": "Q4_0"
              },
              "expires_at": "2024-06-04T14:38:31.83753-07:00",
              "size_vram": 5137025024
            }
          ]
        }
        """);

    RunningModel running = ollama.client().ps().get(0);

    assertThat(running.name()).isEqualTo("mistral:latest");
    assertThat(running.model()).isEqualTo("mistral:latest");
    assertThat(running.size()).isEqualTo(5137025024L);
    assertThat(running.sizeVram()).isEqualTo(5137025024L);
    assertThat(running.digest()).startsWith("2ae6f6dd");
    assertThat(running.details().quantizationLevel()).isEqualTo("Q4_0");
    assertThat(running.expiresAt()).isEqualTo(Instant.parse("2024-06-04T21:38:31.83753Z"));
    assertThat(running.contextLength()).isEmpty();
  }

  @Test
  void psDecodesTheContextLengthOfNewerServers() {
    ollama.enqueueJson(
        """
        {"models": [{"name": "gemma4", "model": "gemma4", "size": 6591830464,
          "digest": "c6eb396dbd5992bbe3f5cdb947e8bbc0ee413d7c17e2beaae69f5d569cf982eb",
          "details": {"parent_model": "", "format": "gguf", "family": "gemma4",
            "families": ["gemma4"], "parameter_size": "8.0B", "quantization_level": "Q4_K_M"},
          "expires_at": "2025-10-17T16:47:07.93355-07:00", "size_vram": 5333539264,
          "context_length": 4096}]}
        """);

    RunningModel running = ollama.client().ps().get(0);

    assertThat(running.contextLength()).isEqualTo(OptionalInt.of(4096));
    assertThat(running.sizeVram()).isEqualTo(5333539264L);
  }

  @Test
  void recordsBuiltByUsersNormaliseNulls() {
    RunningModel running = new RunningModel(null, null, 1, 0, null, null, null, null);
    ShowResponse show =
        new ShowResponse(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    assertThat(running.name()).isEmpty();
    assertThat(running.details()).isEqualTo(ModelDetails.EMPTY);
    assertThat(running.expiresAt()).isEqualTo(Instant.EPOCH);
    assertThat(running.contextLength()).isEmpty();
    assertThat(show.system()).isEqualTo(Optional.empty());
    assertThat(show.modelInfo().isEmpty()).isTrue();
    assertThat(show.modifiedAt()).isEqualTo(Instant.EPOCH);
    assertThat(show.messages()).isEmpty();
    assertThat(show.tensors()).isEmpty();
    assertThat(show.projectorInfo().isEmpty()).isTrue();
    assertThat(show.remote()).isEmpty();
  }

  @Test
  void listDecodesEachModelsCapabilitiesAndLengths() {
    ollama.enqueueJson(
        """
        {"models": [{"name": "qwen3:8b", "model": "qwen3:8b",
          "modified_at": "2025-09-23T10:00:00Z", "size": 5200000000, "digest": "abc",
          "details": {"format": "gguf", "family": "qwen3", "families": ["qwen3"],
            "parameter_size": "8.2B", "quantization_level": "Q4_K_M",
            "context_length": 40960, "embedding_length": 4096},
          "capabilities": ["completion", "tools", "thinking"]}]}
        """);

    ModelSummary model = ollama.client().list().get(0);

    assertThat(model.capabilities()).containsExactly("completion", "tools", "thinking");
    assertThat(model.details().contextLength()).isEqualTo(OptionalInt.of(40960));
    assertThat(model.details().embeddingLength()).isEqualTo(OptionalInt.of(4096));
  }

  @Test
  void showDecodesTheFieldsOfOllama033() {
    ollama.enqueueJson(
        """
        {"modelfile": "FROM x", "renderer": "qwen3-coder", "parser": "qwen3-coder",
         "details": {"format": "gguf", "family": "qwen3", "context_length": 262144},
         "messages": [{"role": "user", "content": "Be brief."},
                      {"role": "assistant", "content": "OK."}],
         "remote_model": "qwen3-coder:480b", "remote_host": "https://ollama.com:443",
         "model_info": {"general.architecture": "qwen3", "qwen3.context_length": 32768},
         "projector_info": {"clip.has_vision_encoder": true},
         "tensors": [{"name": "token_embd.weight", "type": "Q4_K", "shape": [4096, 151936]}],
         "capabilities": ["completion", "tools"],
         "requires": "0.12.0"}
        """);

    ShowResponse show = ollama.client().show("qwen3-coder:480b-cloud");

    assertThat(show.renderer()).contains("qwen3-coder");
    assertThat(show.parser()).contains("qwen3-coder");
    assertThat(show.messages())
        .containsExactly(Message.user("Be brief."), Message.assistant("OK."));
    assertThat(show.remote())
        .contains(new RemoteModel("qwen3-coder:480b", "https://ollama.com:443"));
    assertThat(show.projectorInfo().get("clip.has_vision_encoder").asBoolean()).isTrue();
    assertThat(show.tensors())
        .containsExactly(new Tensor("token_embd.weight", "Q4_K", List.of(4096L, 151936L)));
    assertThat(show.requires()).contains("0.12.0");
    assertThat(show.contextLength())
        .as("details.context_length wins over model_info")
        .isEqualTo(OptionalInt.of(262144));
  }
}
