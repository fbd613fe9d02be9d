package io.github.ollamaclient.chat;

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
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /api/chat} through the client, against the payloads of Ollama's documentation. */
class ChatTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String WEATHER_TOOL_JSON =
      """
      {
        "type": "function",
        "function": {
          "name": "get_weather",
          "description": "Get the weather in a given city",
          "parameters": {
            "type": "object",
            "properties": {
              "city": {
                "type": "string",
                "description": "The city to get the weather for"
              }
            },
            "required": ["city"]
          }
        }
      }
      """;

  private static final String NO_STREAMING_ANSWER =
      """
      {
        "model": "llama3.2",
        "created_at": "2023-12-12T14:13:43.416799Z",
        "message": {
          "role": "assistant",
          "content": "Hello! How are you today?"
        },
        "done": true,
        "total_duration": 5191566416,
        "load_duration": 2154458,
        "prompt_eval_count": 26,
        "prompt_eval_duration": 383809000,
        "eval_count": 298,
        "eval_duration": 4799921000
      }
      """;

  private static Tool weatherTool() {
    return Tool.function(
        "get_weather",
        "Get the weather in a given city",
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "city", Map.of("type", "string", "description", "The city to get the weather for")),
            "required",
            List.of("city")));
  }

  private static ChatRequest ask(String model, String question) {
    return ChatRequest.builder(model).message(Message.user(question)).build();
  }

  /** A chunk line of a streamed answer with the given message JSON. */
  private static String chunk(String messageJson) {
    return "{\"model\":\"qwen3\",\"created_at\":\"2025-05-29T09:35:56.012222Z\",\"message\":"
        + messageJson
        + ",\"done\":false}";
  }

  private static String finalChunk() {
    return "{\"model\":\"qwen3\",\"created_at\":\"2025-05-29T09:35:57.5Z\",\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
        + "\"total_duration\":2000000000,\"eval_count\":3,\"eval_duration\":1000000000}";
  }

  // ---- requests as in Ollama's examples ------------------------------------------------------

  @Test
  void asksForAStreamAndJoinsItsChunksIntoOneAnswer() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"Hello\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\"! How\"}"),
        finalChunk());

    ChatResponse reply = ollama.client().chat(ask("qwen3", "hi"));

    assertThat(ollama.takeJsonBody().get("stream").asBoolean()).isTrue();
    assertThat(reply.message()).isEqualTo(Message.assistant("Hello! How"));
    assertThat(reply.done()).isTrue();
    assertThat(reply.doneReason()).contains("stop");
    assertThat(reply.metrics().map(Metrics::evalCount)).contains(3);
  }

  @Test
  void readsOneJsonAnswerFromAServerThatIgnoresStream() {
    ollama.enqueueJson(NO_STREAMING_ANSWER);

    ChatResponse reply = ollama.client().chat(ask("llama3.2", "why is the sky blue?"));

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/chat");
    assertThat(MockOllama.parse(request))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [
                    {
                      "role": "user",
                      "content": "why is the sky blue?"
                    }
                  ],
                  "stream": true
                }
                """));
    assertThat(reply.model()).isEqualTo("llama3.2");
    assertThat(reply.createdAt()).isEqualTo(Instant.parse("2023-12-12T14:13:43.416799Z"));
    assertThat(reply.message()).isEqualTo(Message.assistant("Hello! How are you today?"));
    assertThat(reply.done()).isTrue();
    assertThat(reply.metrics().map(Metrics::evalCount)).contains(298);
  }

  @Test
  void sendsStreamTrueAndDeliversEveryChunkInOrder() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":\
        {"role":"assistant","content":"The","images":null},"done":false}""",
        """
        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":\
        {"role":"assistant","content":""},"done":true,"total_duration":4883583458,\
        "load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,\
        "eval_count":282,"eval_duration":4535599000}""");

    List<ChatResponse> chunks;
    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("llama3.2", "why is the sky blue?"))) {
      chunks = stream.stream().toList();
      assertThat(stream.finalChunk()).contains(chunks.get(1));
      assertThat(stream.aggregate().message().content()).isEqualTo("The");
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model":"llama3.2","messages":[{"role":"user","content":"why is the sky blue?"}],
                 "stream":true}
                """));
    assertThat(chunks).extracting(c -> c.message().content()).containsExactly("The", "");
    assertThat(chunks).extracting(ChatResponse::done).containsExactly(false, true);
    assertThat(chunks.get(1).metrics().map(Metrics::totalDuration))
        .contains(Duration.ofNanos(4883583458L));
  }

  @Test
  void sendsToolsAsInTheStreamingWithToolsExample() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":\
        "assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":\
        {"city":"Tokyo"}}}]},"done":false}""",
        """
        {"model":"llama3.2","created_at":"2025-07-07T20:22:19.19314Z","message":{"role":\
        "assistant","content":""},"done_reason":"stop","done":true,"total_duration":182242375,\
        "load_duration":41295167,"prompt_eval_count":169,"prompt_eval_duration":24573166,\
        "eval_count":15,"eval_duration":115959084}""");
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("what is the weather in tokyo?"))
            .tool(weatherTool())
            .build();

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(request)) {
      whole = stream.aggregate();
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [
                    {
                      "role": "user",
                      "content": "what is the weather in tokyo?"
                    }
                  ],
                  "tools": [%s],
                  "stream": true
                }
                """
                    .formatted(WEATHER_TOOL_JSON)));
    assertThat(whole.message().toolCalls())
        .containsExactly(ToolCall.of("get_weather", Map.of("city", "Tokyo")));
    assertThat(whole.doneReason()).contains("stop");
    assertThat(whole.metrics().map(Metrics::evalCount)).contains(15);
  }

  @Test
  void sendsToolsAsInTheNoStreamingWithToolsExample() {
    ollama.enqueueJson(
        """
        {"model":"llama3.2","created_at":"2025-07-07T20:32:53.844124Z","message":{"role":
        "assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":
        {"city":"Tokyo"}}}]},"done_reason":"stop","done":true,"total_duration":3244883583,
        "load_duration":2969184542,"prompt_eval_count":169,"prompt_eval_duration":141656333,
        "eval_count":18,"eval_duration":133293625}
        """);
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("what is the weather in tokyo?"))
            .tools(List.of(weatherTool()))
            .build();

    ChatResponse reply = ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [{"role": "user", "content": "what is the weather in tokyo?"}],
                  "tools": [%s],
                  "stream": true
                }
                """
                    .formatted(WEATHER_TOOL_JSON)));
    record City(String city) {}
    assertThat(reply.message().toolCalls().get(0).arguments(City.class))
        .isEqualTo(new City("Tokyo"));
  }

  @Test
  void sendsAFormatSchemaAndParsesTheStructuredAnswer() {
    ollama.enqueueJson(
        """
        {"model":"llama3.1","created_at":"2024-12-06T00:46:58.265747Z","message":{"role":
        "assistant","content":"{\\"age\\": 22, \\"available\\": false}"},"done_reason":"stop",
        "done":true,"total_duration":2254970291,"load_duration":574751416,
        "prompt_eval_count":34,"prompt_eval_duration":1502000000,"eval_count":12,
        "eval_duration":175000000}
        """);
    ChatRequest request =
        ChatRequest.builder("llama3.1")
            .message(
                Message.user(
                    "Ollama is 22 years old and busy saving the world. Return a JSON object with"
                        + " the age and availability."))
            .format(
                Format.schema(
                    MockOllama.json(
                        """
                        {"type":"object","properties":{"age":{"type":"integer"},
                         "available":{"type":"boolean"}},"required":["age","available"]}
                        """)))
            .options(Options.builder().temperature(0).build())
            .build();

    ChatResponse reply = ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.1",
                  "messages": [{"role": "user", "content": "Ollama is 22 years old and busy \
                saving the world. Return a JSON object with the age and availability."}],
                  "stream": true,
                  "format": {
                    "type": "object",
                    "properties": {
                      "age": {"type": "integer"},
                      "available": {"type": "boolean"}
                    },
                    "required": ["age", "available"]
                  },
                  "options": {"temperature": 0.0}
                }
                """));
    record Availability(int age, boolean available) {}
    assertThat(reply.message().contentAs(Availability.class))
        .isEqualTo(new Availability(22, false));
  }

  @Test
  void sendsTheHistoryAndAggregatesAStreamWhoseLastChunkHasNoMessage() {
    ollama.enqueueNdjson(
        """
        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":\
        {"role":"assistant","content":"The"},"done":false}""",
        """
        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","done":true,\
        "total_duration":8113331500,"load_duration":6396458,"prompt_eval_count":61,\
        "prompt_eval_duration":398801000,"eval_count":468,"eval_duration":7701267000}""");
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .messages(
                List.of(
                    Message.user("why is the sky blue?"),
                    Message.assistant("due to rayleigh scattering."),
                    Message.user("how is that different than mie scattering?")))
            .build();

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(request)) {
      whole = stream.aggregate();
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [
                    {"role": "user", "content": "why is the sky blue?"},
                    {"role": "assistant", "content": "due to rayleigh scattering."},
                    {"role": "user", "content": "how is that different than mie scattering?"}
                  ],
                  "stream": true
                }
                """));
    assertThat(whole.message()).isEqualTo(Message.assistant("The"));
    assertThat(whole.createdAt()).isEqualTo(Instant.parse("2023-08-04T19:22:45.499127Z"));
    assertThat(whole.metrics().map(Metrics::evalCount)).contains(468);
  }

  @Test
  void sendsAToolResultWithItsToolNameAsInTheHistoryWithToolsExample() {
    ollama.enqueueJson(
        """
        {"model":"llama3.2","created_at":"2025-07-07T20:43:37.688511Z","message":{"role":
        "assistant","content":"The current temperature in Toronto is 11°C."},"done_reason":
        "stop","done":true,"total_duration":890771750,"load_duration":707634750,
        "prompt_eval_count":94,"prompt_eval_duration":91703208,"eval_count":11,
        "eval_duration":90282125}
        """);
    Message toolCallMessage =
        new Message(
            Role.ASSISTANT,
            "",
            Optional.empty(),
            List.of(),
            List.of(ToolCall.of("get_weather", Map.of("city", "Toronto"))),
            Optional.empty());
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("what is the weather in Toronto?"))
            .message(toolCallMessage)
            .message(Message.tool("get_weather", "11 degrees celsius"))
            .tool(weatherTool())
            .build();

    ChatResponse reply = ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [
                    {"role": "user", "content": "what is the weather in Toronto?"},
                    {
                      "role": "assistant",
                      "content": "",
                      "tool_calls": [
                        {"function": {"name": "get_weather", "arguments": {"city": "Toronto"}}}
                      ]
                    },
                    {"role": "tool", "content": "11 degrees celsius", "tool_name": "get_weather"}
                  ],
                  "stream": true,
                  "tools": [%s]
                }
                """
                    .formatted(WEATHER_TOOL_JSON)));
    assertThat(reply.message().content()).isEqualTo("The current temperature in Toronto is 11°C.");
  }

  @Test
  void sendsImagesAsBase64AsInTheImagesExample() throws IOException {
    String pig = resource("pig.png.b64").strip();
    ollama.enqueueJson(
        """
        {"model":"llava","created_at":"2023-12-13T22:42:50.203334Z","message":{"role":
        "assistant","content":" The image features a cute, little pig with an angry facial
         expression.","images":null},"done":true,"total_duration":1668506709,
        "load_duration":1986209,"prompt_eval_count":26,"prompt_eval_duration":359682000,
        "eval_count":83,"eval_duration":1303285000}
        """
            .replace("\n ", " "));
    ChatRequest request =
        ChatRequest.builder("llava")
            .message(Message.user("what is in this image?", Image.fromBase64(pig)))
            .build();

    ChatResponse reply = ollama.client().chat(request);

    JsonNode body = ollama.takeJsonBody();
    assertThat(body)
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llava",
                  "messages": [
                    {"role": "user", "content": "what is in this image?", "images": ["%s"]}
                  ],
                  "stream": true
                }
                """
                    .formatted(pig)));
    assertThat(reply.message().images()).isEmpty();
    assertThat(reply.message().content()).startsWith(" The image features a cute, little pig");
  }

  @Test
  void sendsOptionsAsInTheReproducibleOutputsExample() {
    ollama.enqueueJson(NO_STREAMING_ANSWER);
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("Hello!"))
            .options(Options.builder().seed(101).temperature(0).build())
            .build();

    ChatResponse reply = ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [{"role": "user", "content": "Hello!"}],
                  "options": {"seed": 101, "temperature": 0.0},
                  "stream": true
                }
                """));
    assertThat(reply.message().content()).isEqualTo("Hello! How are you today?");
  }

  @Test
  void decodesToolCallArgumentsIntoARecordAsInTheWithToolsExample() {
    ollama.enqueueJson(
        """
        {"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":
        "assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather",
        "arguments":{"format":"celsius","location":"Paris, FR"}}}]},"done_reason":"stop",
        "done":true,"total_duration":885095291,"load_duration":3753500,
        "prompt_eval_count":122,"prompt_eval_duration":328493000,"eval_count":33,
        "eval_duration":552222000}
        """);
    Tool currentWeather =
        Tool.function(
            "get_current_weather",
            "Get the current weather for a location",
            MockOllama.json(
                """
                {"type":"object","properties":{"location":{"type":"string","description":
                "The location to get the weather for, e.g. San Francisco, CA"},"format":{"type":
                "string","description":"The format to return the weather in, e.g. 'celsius' or \
                'fahrenheit'","enum":["celsius","fahrenheit"]}},"required":["location","format"]}
                """));
    ChatRequest request =
        ChatRequest.builder("llama3.2")
            .message(Message.user("What is the weather today in Paris?"))
            .tool(currentWeather)
            .build();

    ChatResponse reply = ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "llama3.2",
                  "messages": [{"role": "user", "content": "What is the weather today in Paris?"}],
                  "stream": true,
                  "tools": [
                    {
                      "type": "function",
                      "function": {
                        "name": "get_current_weather",
                        "description": "Get the current weather for a location",
                        "parameters": {
                          "type": "object",
                          "properties": {
                            "location": {
                              "type": "string",
                              "description": "The location to get the weather for, e.g. San \
                Francisco, CA"
                            },
                            "format": {
                              "type": "string",
                              "description": "The format to return the weather in, e.g. \
                'celsius' or 'fahrenheit'",
                              "enum": ["celsius", "fahrenheit"]
                            }
                          },
                          "required": ["location", "format"]
                        }
                      }
                    }
                  ]
                }
                """));
    record WeatherQuery(String location, String format) {}
    ToolCall call = reply.message().toolCalls().get(0);
    assertThat(call.name()).isEqualTo("get_current_weather");
    assertThat(call.arguments(WeatherQuery.class))
        .isEqualTo(new WeatherQuery("Paris, FR", "celsius"));
  }

  // ---- every field ---------------------------------------------------------------------------

  @Test
  void sendsEveryFieldOfAFullRequest() {
    ollama.enqueueJson(NO_STREAMING_ANSWER);
    Message assistantTurn =
        new Message(
            Role.ASSISTANT,
            "",
            Optional.of("The user wants the weather."),
            List.of(),
            List.of(
                new ToolCall(
                    Optional.of("call_7"),
                    "get_weather",
                    OptionalInt.of(0),
                    MockOllama.json("{\"city\":\"Tokyo\"}"))),
            Optional.empty());
    ChatRequest request =
        ChatRequest.builder("qwen3:8b")
            .message(Message.system("Answer briefly."))
            .message(
                Message.user(
                    "Where is this, and what is the weather?", Image.of(new byte[] {1, 2, 3})))
            .message(assistantTurn)
            .message(Message.tool("get_weather", "11 degrees celsius"))
            .tool(weatherTool())
            .format(Format.json())
            .options(Options.builder().temperature(0.5).seed(42).numCtx(8192).build())
            .think(Think.HIGH)
            .keepAlive(KeepAlive.of(Duration.ofMinutes(90)))
            .logprobs(true)
            .topLogprobs(3)
            .build();

    ollama.client().chat(request);

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "model": "qwen3:8b",
                  "messages": [
                    {"role": "system", "content": "Answer briefly."},
                    {
                      "role": "user",
                      "content": "Where is this, and what is the weather?",
                      "images": ["AQID"]
                    },
                    {
                      "role": "assistant",
                      "content": "",
                      "thinking": "The user wants the weather.",
                      "tool_calls": [
                        {
                          "id": "call_7",
                          "function": {"index": 0, "name": "get_weather",
                                       "arguments": {"city": "Tokyo"}}
                        }
                      ]
                    },
                    {"role": "tool", "content": "11 degrees celsius", "tool_name": "get_weather"}
                  ],
                  "tools": [%s],
                  "format": "json",
                  "options": {"temperature": 0.5, "seed": 42, "num_ctx": 8192},
                  "think": "high",
                  "keep_alive": "1h30m",
                  "logprobs": true,
                  "top_logprobs": 3,
                  "stream": true
                }
                """
                    .formatted(WEATHER_TOOL_JSON)));
  }

  static Stream<Arguments> thinkValues() {
    return Stream.of(
        Arguments.of(Think.ENABLED, "true"),
        Arguments.of(Think.DISABLED, "false"),
        Arguments.of(Think.LOW, "\"low\""),
        Arguments.of(Think.MEDIUM, "\"medium\""),
        Arguments.of(Think.HIGH, "\"high\""),
        Arguments.of(Think.MAX, "\"max\""));
  }

  @ParameterizedTest
  @MethodSource("thinkValues")
  void sendsThinkAsABooleanOrALevel(Think think, String wire) {
    ollama.enqueueJson(NO_STREAMING_ANSWER);

    ollama
        .client()
        .chat(ChatRequest.builder("qwen3").message(Message.user("hi")).think(think).build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model":"qwen3","messages":[{"role":"user","content":"hi"}],"think":%s,
                 "stream":true}
                """
                    .formatted(wire)));
  }

  static Stream<Arguments> keepAliveValues() {
    return Stream.of(
        Arguments.of(KeepAlive.FOREVER, "-1"),
        Arguments.of(KeepAlive.UNLOAD, "0"),
        Arguments.of(KeepAlive.of(Duration.ofMinutes(5)), "\"5m\""),
        Arguments.of(KeepAlive.of(Duration.ofMillis(1500)), "\"1s500ms\""));
  }

  @ParameterizedTest
  @MethodSource("keepAliveValues")
  void sendsKeepAliveAsAGoDurationOrANumber(KeepAlive keepAlive, String wire) {
    ollama.enqueueJson(NO_STREAMING_ANSWER);

    ollama
        .client()
        .chat(
            ChatRequest.builder("llama3.2")
                .message(Message.user("hi"))
                .keepAlive(keepAlive)
                .build());

    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"keep_alive":%s,
                 "stream":true}
                """
                    .formatted(wire)));
  }

  @Test
  void echoesAReceivedToolCallMessageBackExactly() {
    String assistantMessage =
        """
        {"role":"assistant","content":"","thinking":"Need the weather.","tool_calls":[
          {"id":"call_abc","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}},
          {"id":"call_def","function":{"index":1,"name":"get_weather","arguments":{"city":"Osaka"}}}
        ]}
        """;
    ollama.enqueueJson(
        """
        {"model":"qwen3","created_at":"2025-07-07T20:32:53.844124Z","message":%s,
         "done_reason":"stop","done":true}
        """
            .formatted(assistantMessage));
    ollama.enqueueJson(NO_STREAMING_ANSWER);
    List<Message> history = new ArrayList<>();
    history.add(Message.user("Weather in Tokyo and Osaka?"));
    ChatResponse first =
        ollama
            .client()
            .chat(ChatRequest.builder("qwen3").messages(history).tool(weatherTool()).build());
    ollama.takeRequest();

    history.add(first.message());
    history.add(Message.tool("get_weather", "11 degrees celsius"));
    history.add(Message.tool("get_weather", "14 degrees celsius"));
    ollama
        .client()
        .chat(ChatRequest.builder("qwen3").messages(history).tool(weatherTool()).build());

    JsonNode messages = ollama.takeJsonBody().get("messages");
    assertThat(messages).hasSize(4);
    assertThat(messages.get(1)).isEqualTo(MockOllama.json(assistantMessage));
  }

  // ---- streaming -----------------------------------------------------------------------------

  @Test
  void keepsStreamedThinkingApartFromContent() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Two plus \"}"),
        chunk("{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"two is four.\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\"Four\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\".\"}"),
        finalChunk());
    ChatRequest request =
        ChatRequest.builder("qwen3")
            .message(Message.user("What is 2 + 2?"))
            .think(Think.ENABLED)
            .build();

    List<String> thinking = new ArrayList<>();
    List<String> content = new ArrayList<>();
    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(request)) {
      for (ChatResponse chunk : stream) {
        chunk.message().thinking().ifPresent(thinking::add);
        content.add(chunk.message().content());
      }
      whole = stream.aggregate();
    }

    assertThat(thinking).containsExactly("Two plus ", "two is four.");
    assertThat(String.join("", content)).isEqualTo("Four.");
    assertThat(whole.message().thinking()).contains("Two plus two is four.");
    assertThat(whole.message().content()).isEqualTo("Four.");
    assertThat(whole.doneReason()).contains("stop");
    assertThat(whole.metrics().map(Metrics::evalCount)).contains(3);
    assertThat(ollama.takeJsonBody().get("think").asBoolean()).isTrue();
  }

  @Test
  void gathersToolCallsArrivingAcrossSeveralChunksInOrder() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"Let me check.\"}"),
        chunk(
            "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\","
                + "\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":"
                + "{\"city\":\"Tokyo\"}}}]}"),
        chunk(
            "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_2\","
                + "\"function\":{\"index\":1,\"name\":\"get_weather\",\"arguments\":"
                + "{\"city\":\"Osaka\"}}},{\"id\":\"call_3\",\"function\":{\"index\":2,"
                + "\"name\":\"get_time\",\"arguments\":{}}}]}"),
        finalChunk());

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("qwen3", "Weather in Tokyo and Osaka, and the time?"))) {
      whole = stream.aggregate();
    }

    assertThat(whole.message().content()).isEqualTo("Let me check.");
    assertThat(whole.message().toolCalls())
        .containsExactly(
            new ToolCall(
                Optional.of("call_1"),
                "get_weather",
                OptionalInt.of(0),
                MockOllama.json("{\"city\":\"Tokyo\"}")),
            new ToolCall(
                Optional.of("call_2"),
                "get_weather",
                OptionalInt.of(1),
                MockOllama.json("{\"city\":\"Osaka\"}")),
            new ToolCall(
                Optional.of("call_3"), "get_time", OptionalInt.of(2), MockOllama.json("{}")));
    assertThat(whole.done()).isTrue();
  }

  @Test
  void joinsJapaneseTextSplitAcrossChunkBoundaries() {
    List<String> pieces = List.of("空が", "青いのは", "レイリー散乱の", "ためです。🌏");
    List<String> lines = new ArrayList<>();
    for (String piece : pieces) {
      lines.add(chunk("{\"role\":\"assistant\",\"content\":\"" + piece + "\"}"));
    }
    lines.add(finalChunk());
    ollama.enqueueNdjson(3, lines.toArray(String[]::new));

    List<String> received = new ArrayList<>();
    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("qwen3", "なぜ空は青いのですか？"))) {
      for (ChatResponse chunk : stream) {
        received.add(chunk.message().content());
      }
      whole = stream.aggregate();
    }

    assertThat(received.subList(0, 4)).isEqualTo(pieces);
    assertThat(whole.message().content()).isEqualTo("空が青いのはレイリー散乱のためです。🌏");
    assertThat(ollama.takeJsonBody().get("messages").get(0).get("content").asText())
        .isEqualTo("なぜ空は青いのですか？");
  }

  @Test
  void joinsTheLogprobsOfEveryChunk() {
    ollama.enqueueNdjson(
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false,"
            + "\"logprobs\":[{\"token\":\"Hi\",\"logprob\":-0.1,\"bytes\":[72,105]}]}",
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"!\"},\"done\":false,"
            + "\"logprobs\":[{\"token\":\"!\",\"logprob\":-0.2,\"bytes\":[33]}]}",
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}");
    ChatRequest request =
        ChatRequest.builder("m").message(Message.user("hi")).logprobs(true).build();

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream = ollama.client().chatStream(request)) {
      whole = stream.aggregate();
    }

    assertThat(whole.logprobs()).extracting(l -> l.token()).containsExactly("Hi", "!");
    assertThat(whole.logprobs()).extracting(l -> l.logprob()).containsExactly(-0.1, -0.2);
    assertThat(ollama.takeJsonBody().get("logprobs").asBoolean()).isTrue();
  }

  @Test
  void errorLineMidStreamIsThrownAfterTheChunksBeforeIt() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"The\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\" sky\"}"),
        "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}");

    List<String> delivered = new ArrayList<>();
    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("qwen3", "why is the sky blue?"))) {
      assertThatThrownBy(
              () -> {
                for (ChatResponse chunk : stream) {
                  delivered.add(chunk.message().content());
                }
              })
          .isInstanceOfSatisfying(
              OllamaStreamException.class,
              e -> {
                assertThat(e.chunksDelivered()).isEqualTo(2);
                assertThat(e.errorMessage()).contains("unexpected EOF");
              })
          .hasMessageContaining("POST /api/chat stream failed after 2 chunk(s)");
    }

    assertThat(delivered).containsExactly("The", " sky");
  }

  @Test
  void anErrorMemberInsideTheMessageIsAFieldOfTheMessageNotTheStreamsError() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"The\",\"error\":\"not mine\"}"),
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"error\":null,\"done\":true}");

    ChatResponse whole = ollama.client().chat(ask("qwen3", "why is the sky blue?"));

    assertThat(whole.message().content()).isEqualTo("The");
    assertThat(whole.done()).isTrue();
  }

  @Test
  void streamEndingWithoutDoneIsAProtocolError() {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"The\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\" sky\"}"));

    try (ResponseStream<ChatResponse> stream =
        ollama.client().chatStream(ask("qwen3", "why is the sky blue?"))) {
      assertThatThrownBy(stream::aggregate)
          .isInstanceOf(OllamaProtocolException.class)
          .hasMessageContaining("POST /api/chat stream ended after 2 line(s)")
          .hasMessageContaining("done: true");
    }
  }

  // ---- asynchronous --------------------------------------------------------------------------

  @Test
  void chatAsyncDeliversEveryChunkThenCompletesWithTheAggregate() throws Exception {
    ollama.enqueueNdjson(
        chunk("{\"role\":\"assistant\",\"content\":\"Rayleigh\"}"),
        chunk("{\"role\":\"assistant\",\"content\":\" scattering.\"}"),
        finalChunk());
    List<String> delivered = new CopyOnWriteArrayList<>();

    CompletableFuture<ChatResponse> future =
        ollama
            .client()
            .chatAsync(
                ask("qwen3", "why is the sky blue?"),
                chunk -> delivered.add(chunk.message().content()));
    ChatResponse whole = future.get(5, TimeUnit.SECONDS);

    assertThat(delivered).containsExactly("Rayleigh", " scattering.", "");
    assertThat(whole.message().content()).isEqualTo("Rayleigh scattering.");
    assertThat(whole.done()).isTrue();
    assertThat(whole.metrics().map(Metrics::evalCount)).contains(3);
    assertThat(ollama.takeJsonBody().get("stream").asBoolean()).isTrue();
  }

  @Test
  void cancellingTheChatAsyncFutureAbortsTheCall() throws Exception {
    // The first line comes at once, the next only after 30 s: only an aborted call frees the
    // connection within the 2 s that assertNoConnectionInUse waits.
    String first = chunk("{\"role\":\"assistant\",\"content\":\"Once\"}") + "\n";
    String rest =
        Stream.generate(() -> chunk("{\"role\":\"assistant\",\"content\":\" upon\"}"))
                .limit(20)
                .collect(Collectors.joining("\n"))
            + "\n"
            + finalChunk()
            + "\n";
    ollama.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(first + rest)
            .throttleBody(first.getBytes(StandardCharsets.UTF_8).length, 30, TimeUnit.SECONDS)
            .build());
    CountDownLatch firstChunk = new CountDownLatch(1);
    List<ChatResponse> delivered = new CopyOnWriteArrayList<>();

    CompletableFuture<ChatResponse> future =
        ollama
            .client()
            .chatAsync(
                ask("qwen3", "Tell me a long story."),
                chunk -> {
                  delivered.add(chunk);
                  firstChunk.countDown();
                });
    assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(future.cancel(true)).isTrue();

    assertThat(future).isCancelled();
    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    ollama.assertNoConnectionInUse();
    assertThat(delivered).extracting(c -> c.message().content()).containsExactly("Once");
  }

  // ---- errors --------------------------------------------------------------------------------

  @Test
  void unknownModelSaysHowToPullIt() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");

    assertThatThrownBy(() -> ollama.client().chat(ask("llama3", "hi")))
        .isInstanceOfSatisfying(
            ModelNotFoundException.class, e -> assertThat(e.model()).contains("llama3"))
        .hasMessageContaining("model \"llama3\" not found")
        .hasMessageContaining("ollama pull llama3");
  }

  @Test
  void unknownModelFailsAStreamBeforeItsFirstChunk() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");

    assertThatThrownBy(() -> ollama.client().chatStream(ask("llama3", "hi")))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("client.pull(\"llama3\")");
  }

  @Test
  void unknownModelFailsTheChatAsyncFuture() {
    ollama.enqueueJson(404, "{\"error\":\"model \\\"llama3\\\" not found, try pulling it first\"}");
    List<ChatResponse> delivered = new CopyOnWriteArrayList<>();

    CompletableFuture<ChatResponse> future =
        ollama.client().chatAsync(ask("llama3", "hi"), delivered::add);

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("ollama pull llama3");
    assertThat(delivered).isEmpty();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ChatTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
