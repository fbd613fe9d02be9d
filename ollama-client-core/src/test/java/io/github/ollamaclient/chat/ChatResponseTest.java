package io.github.ollamaclient.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.inference.DebugInfo;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Decoding the chat responses of Ollama's API documentation, and the shapes around them. */
class ChatResponseTest {

  static ChatResponse decode(String json) {
    try {
      return Json.MAPPER.readValue(json, ChatResponse.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void decodesAStreamedChunkWithNullImages() {
    ChatResponse chunk =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2023-08-04T08:52:19.385406455-07:00",
              "message": {
                "role": "assistant",
                "content": "The",
                "images": null
              },
              "done": false
            }
            """);

    assertThat(chunk)
        .isEqualTo(
            new ChatResponse(
                "llama3.2",
                Instant.parse("2023-08-04T15:52:19.385406455Z"),
                Message.assistant("The"),
                false,
                Optional.empty(),
                Optional.empty(),
                List.of()));
  }

  @Test
  void decodesTheFinalStreamedChunkWithItsStatistics() {
    ChatResponse last =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2023-08-04T19:22:45.499127Z",
              "message": {
                "role": "assistant",
                "content": ""
              },
              "done": true,
              "total_duration": 4883583458,
              "load_duration": 1334875,
              "prompt_eval_count": 26,
              "prompt_eval_duration": 342546000,
              "eval_count": 282,
              "eval_duration": 4535599000
            }
            """);

    assertThat(last.done()).isTrue();
    assertThat(last.createdAt()).isEqualTo(Instant.parse("2023-08-04T19:22:45.499127Z"));
    assertThat(last.message()).isEqualTo(Message.assistant(""));
    assertThat(last.doneReason()).isEmpty();
    assertThat(last.metrics())
        .contains(
            new Metrics(
                Duration.ofNanos(4883583458L),
                Duration.ofNanos(1334875),
                26,
                Duration.ofNanos(342546000),
                282,
                Duration.ofNanos(4535599000L)));
  }

  @Test
  void decodesAStreamedToolCallChunk() {
    ChatResponse chunk =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2025-07-07T20:22:19.184789Z",
              "message": {
                "role": "assistant",
                "content": "",
                "tool_calls": [
                  {
                    "function": {
                      "name": "get_weather",
                      "arguments": {
                        "city": "Tokyo"
                      }
                    }
                  }
                ]
              },
              "done": false
            }
            """);

    assertThat(chunk.done()).isFalse();
    assertThat(chunk.metrics()).isEmpty();
    assertThat(chunk.message().toolCalls())
        .containsExactly(
            new ToolCall(
                Optional.empty(),
                "get_weather",
                OptionalInt.empty(),
                MockOllama.json("{\"city\":\"Tokyo\"}")));
  }

  @Test
  void decodesTheFinalChunkOfAToolStreamWithItsDoneReason() {
    ChatResponse last =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2025-07-07T20:22:19.19314Z",
              "message": {
                "role": "assistant",
                "content": ""
              },
              "done_reason": "stop",
              "done": true,
              "total_duration": 182242375,
              "load_duration": 41295167,
              "prompt_eval_count": 169,
              "prompt_eval_duration": 24573166,
              "eval_count": 15,
              "eval_duration": 115959084
            }
            """);

    assertThat(last.doneReason()).contains("stop");
    assertThat(last.metrics().map(Metrics::evalCount)).contains(15);
    assertThat(last.message().toolCalls()).isEmpty();
  }

  @Test
  void decodesAWholeAnswerWithToolCalls() {
    ChatResponse reply =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2025-07-07T20:32:53.844124Z",
              "message": {
                "role": "assistant",
                "content": "",
                "tool_calls": [
                  {
                    "function": {
                      "name": "get_weather",
                      "arguments": {
                        "city": "Tokyo"
                      }
                    }
                  }
                ]
              },
              "done_reason": "stop",
              "done": true,
              "total_duration": 3244883583,
              "load_duration": 2969184542,
              "prompt_eval_count": 169,
              "prompt_eval_duration": 141656333,
              "eval_count": 18,
              "eval_duration": 133293625
            }
            """);

    assertThat(reply.message().role()).isSameAs(Role.ASSISTANT);
    assertThat(reply.message().toolCalls()).hasSize(1);
    assertThat(reply.message().toolCalls().get(0).name()).isEqualTo("get_weather");
    assertThat(reply.message().toolCalls().get(0).arguments().get("city").asText())
        .isEqualTo("Tokyo");
    assertThat(reply.metrics().map(Metrics::loadDuration)).contains(Duration.ofNanos(2969184542L));
  }

  @Test
  void decodesTheLastChunkOfAHistoryStreamWhichHasNoMessage() {
    ChatResponse last =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2023-08-04T19:22:45.499127Z",
              "done": true,
              "total_duration": 8113331500,
              "load_duration": 6396458,
              "prompt_eval_count": 61,
              "prompt_eval_duration": 398801000,
              "eval_count": 468,
              "eval_duration": 7701267000
            }
            """);

    assertThat(last.message()).isEqualTo(Message.assistant(""));
    assertThat(last.metrics().map(Metrics::promptEvalCount)).contains(61);
  }

  @Test
  void decodesNonAsciiContent() {
    ChatResponse reply =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2025-07-07T20:43:37.688511Z",
              "message": {
                "role": "assistant",
                "content": "The current temperature in Toronto is 11°C."
              },
              "done_reason": "stop",
              "done": true,
              "total_duration": 890771750,
              "load_duration": 707634750,
              "prompt_eval_count": 94,
              "prompt_eval_duration": 91703208,
              "eval_count": 11,
              "eval_duration": 90282125
            }
            """);

    assertThat(reply.message().content()).isEqualTo("The current temperature in Toronto is 11°C.");
  }

  @Test
  void decodesTheLoadAnswerWithZeroStatistics() {
    ChatResponse reply =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2024-09-12T21:17:29.110811Z",
              "message": {
                "role": "assistant",
                "content": ""
              },
              "done_reason": "load",
              "done": true
            }
            """);

    assertThat(reply.doneReason()).contains("load");
    assertThat(reply.metrics())
        .contains(new Metrics(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, 0, Duration.ZERO));
  }

  @Test
  void decodesTheUnloadAnswer() {
    ChatResponse reply =
        decode(
            """
            {
              "model": "llama3.2",
              "created_at": "2024-09-12T21:33:17.547535Z",
              "message": {
                "role": "assistant",
                "content": ""
              },
              "done_reason": "unload",
              "done": true
            }
            """);

    assertThat(reply.doneReason()).contains("unload");
    assertThat(reply.done()).isTrue();
  }

  @Test
  void keepsThinkingApartFromContent() {
    ChatResponse reply =
        decode(
            """
            {"model":"qwen3","created_at":"2025-05-29T09:35:56.012222Z","message":{"role":
            "assistant","content":"Four.","thinking":"2 + 2 is 4."},"done":true}
            """);

    assertThat(reply.message().content()).isEqualTo("Four.");
    assertThat(reply.message().thinking()).contains("2 + 2 is 4.");
  }

  @Test
  void decodesLogprobs() {
    ChatResponse chunk =
        decode(
            """
            {"model":"llama3.2","created_at":"2025-11-10T10:00:00Z","message":{"role":"assistant",
            "content":"Hi"},"done":false,"logprobs":[{"token":"Hi","logprob":-0.25,"bytes":[72,105],
            "top_logprobs":[{"token":"Hi","logprob":-0.25,"bytes":[72,105]},
            {"token":"Hello","logprob":-1.5,"bytes":[72,101,108,108,111]}]}]}
            """);

    assertThat(chunk.logprobs())
        .containsExactly(
            new Logprob(
                "Hi",
                -0.25,
                List.of(72, 105),
                List.of(
                    new Logprob.TokenLogprob("Hi", -0.25, List.of(72, 105)),
                    new Logprob.TokenLogprob("Hello", -1.5, List.of(72, 101, 108, 108, 111)))));
  }

  @Test
  void ignoresUnknownFieldsAtEveryLevel() {
    ChatResponse reply =
        decode(
            """
            {"model":"llama3.2","created_at":"2025-07-07T20:43:37.688511Z","future":{"a":1},
            "message":{"role":"assistant","content":"ok","mood":"happy","tool_calls":[{"id":"c1",
            "type":"function","function":{"index":0,"name":"f","arguments":{},"extra":true}}]},
            "done":true,"remote_host":"https://ollama.com"}
            """);

    assertThat(reply.message().content()).isEqualTo("ok");
    assertThat(reply.message().toolCalls())
        .containsExactly(new ToolCall(Optional.of("c1"), "f", OptionalInt.of(0), Json.object()));
  }

  @Test
  void keepsTheTextOfARoleNewerThanTheClient() {
    ChatResponse reply =
        decode(
            """
            {"model":"m","message":{"role":"developer","content":"x"},"done":true}
            """);

    assertThat(reply.message().role().value()).isEqualTo("developer");
    assertThat(reply.message().role().isKnown()).isFalse();
    assertThat(Json.toTree(reply.message()).get("role").asText()).isEqualTo("developer");
  }

  @Test
  void parsesToolCallArgumentsSentAsAJsonString() {
    ChatResponse reply =
        decode(
            """
            {"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_1",
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},"done":true}
            """);

    JsonNode arguments = reply.message().toolCalls().get(0).arguments();
    assertThat(arguments).isEqualTo(MockOllama.json("{\"city\":\"Tokyo\"}"));
  }

  @Test
  void toolCallArgumentsThatAreNotJsonFailWithTheToolsName() {
    assertThatThrownBy(
            () ->
                decode(
                    """
                    {"model":"m","message":{"role":"assistant","content":"","tool_calls":[
                    {"function":{"name":"get_weather","arguments":"city=Tokyo"}}]},"done":true}
                    """))
        .hasStackTraceContaining("arguments of tool call \"get_weather\" are not JSON");
  }

  @Test
  void absentValuesBecomeEmptyNotNull() {
    ChatResponse reply = decode("{}");

    assertThat(reply.model()).isEmpty();
    assertThat(reply.createdAt()).isEqualTo(Instant.EPOCH);
    assertThat(reply.message().role()).isSameAs(Role.ASSISTANT);
    assertThat(reply.message().content()).isEmpty();
    assertThat(reply.message().images()).isEmpty();
    assertThat(reply.message().toolName()).isEmpty();
    assertThat(reply.done()).isFalse();
    assertThat(reply.doneReason()).isEmpty();
    assertThat(reply.metrics()).isEmpty();
    assertThat(reply.logprobs()).isEmpty();
  }

  @Test
  void readsNullFieldsAsAbsentOnes() {
    ChatResponse reply =
        decode(
            """
            {"model": null, "created_at": null, "message": null, "done": null,
             "done_reason": null, "eval_count": null, "logprobs": null}
            """);

    assertThat(reply).isEqualTo(decode("{}"));
  }

  @Test
  void readsABlankRoleAsTheAssistant() {
    ChatResponse reply = decode("{\"message\": {\"role\": \"  \", \"content\": \"Hi\"}}");

    assertThat(reply.message().role()).isSameAs(Role.ASSISTANT);
    assertThat(reply.message().content()).isEqualTo("Hi");
  }

  @Test
  void coercesScalarsAsJacksonDoes() {
    ChatResponse reply =
        decode(
            """
            {"model": 7, "done": "true", "eval_count": "12", "eval_duration": 1.0E9}
            """);

    assertThat(reply.model()).isEqualTo("7");
    assertThat(reply.done()).isTrue();
    assertThat(reply.metrics().orElseThrow().evalCount()).isEqualTo(12);
    assertThat(reply.metrics().orElseThrow().evalDuration()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rejectsAChunkThatIsNotAnObject() {
    assertThatThrownBy(() -> decode("[1]"))
        .hasRootCauseInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class)
        .hasStackTraceContaining("ChatResponse");
  }

  @Test
  void rejectsAMessageThatIsNotAnObject() {
    assertThatThrownBy(() -> decode("{\"message\": \"hello\"}")).hasStackTraceContaining("Message");
  }

  @Test
  void readsTheRenderedPromptOfADebugRenderOnlyAnswer() {
    ChatResponse reply =
        decode(
            """
            {"model": "llama3.2", "created_at": "2025-10-08T12:00:00Z",
             "message": {"role": "", "content": ""}, "done": false,
             "_debug_info": {"rendered_template": "<|user|>Why?", "image_count": 2}}
            """);

    assertThat(reply.debugInfo()).contains(new DebugInfo("<|user|>Why?", 2));
    assertThat(reply.done()).isFalse();
    assertThat(decode("{\"done\": true}").debugInfo()).isEmpty();
    assertThat(decode("{\"_debug_info\": {\"rendered_template\": \"x\"}}").debugInfo())
        .contains(new DebugInfo("x", 0));
  }
}
