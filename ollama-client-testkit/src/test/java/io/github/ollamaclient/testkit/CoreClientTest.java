package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.cloud.CloudStatus;
import io.github.ollamaclient.cloud.UserResponse;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.embed.EmbeddingsRequest;
import io.github.ollamaclient.embed.EmbeddingsResponse;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.models.CreateRequest;
import io.github.ollamaclient.models.ModelSummary;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PushRequest;
import io.github.ollamaclient.models.RunningModel;
import io.github.ollamaclient.models.ShowResponse;
import io.github.ollamaclient.schema.JsonSchemas;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.web.WebFetchResponse;
import io.github.ollamaclient.web.WebSearchResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's own client against the fake, endpoint by endpoint: the typed results it decodes and the
 * requests the fake records.
 */
class CoreClientTest {
  @RegisterExtension
  final FakeOllama ollama = FakeOllama.create().withVersion("0.12.6").withModel("llama3.2");

  private OllamaClient client;

  record Country(String name, String capital, List<String> languages) {}

  record City(String city) {}

  @BeforeEach
  void connect() {
    client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  private static ChatRequest ask(String model, String text) {
    return ChatRequest.builder(model).message(Message.user(text)).build();
  }

  @Test
  void aCloudModelNamesItsUpstreamInEveryAnswerTheListAndShow() {
    ollama
        .model("gpt-oss:120b-cloud")
        .remote("gpt-oss:120b", "https://ollama.com:443")
        .reply("From the cloud.");
    RemoteModel upstream = new RemoteModel("gpt-oss:120b", "https://ollama.com:443");

    ChatResponse reply = client.chat(ask("gpt-oss:120b-cloud", "hi"));
    List<ChatResponse> chunks;
    try (ResponseStream<ChatResponse> stream = client.chatStream(ask("gpt-oss:120b-cloud", "hi"))) {
      chunks = stream.stream().toList();
    }
    ModelSummary listed =
        client.list().stream()
            .filter(model -> model.name().startsWith("gpt-oss"))
            .findFirst()
            .orElseThrow();

    assertThat(reply.message().content()).isEqualTo("From the cloud.");
    assertThat(reply.remote()).contains(upstream);
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.remote()).contains(upstream));
    assertThat(listed.remote()).contains(upstream);
    assertThat(client.show("gpt-oss:120b-cloud").remote()).contains(upstream);
    assertThat(client.chat(ask("llama3.2", "hi")).remote()).isEmpty();
  }

  @Test
  void listAndShowCarryCapabilitiesLengthsAndVerboseTensors() {
    ModelSummary listed = client.list().get(0);
    ShowResponse plain = client.show("llama3.2");
    ShowResponse verbose = client.show("llama3.2", true);

    assertThat(listed.capabilities()).contains("completion", "tools");
    assertThat(listed.details().contextLength()).hasValue(131072);
    assertThat(listed.details().embeddingLength()).isPresent();
    assertThat(plain.contextLength()).hasValue(131072);
    assertThat(plain.tensors()).isEmpty();
    assertThat(verbose.tensors()).isNotEmpty();
    assertThat(verbose.tensors().get(0).shape()).isNotEmpty();
  }

  // ---- version and liveness ----

  @Test
  void readsTheVersionAndSeesTheServerRunning() {
    assertThat(client.version()).isEqualTo("0.12.6");
    assertThat(client.isRunning()).isTrue();
    // HEAD /api/version answers with JSON, so isRunning() needs no GET / after it.
    assertThat(ollama.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET /api/version", "HEAD /api/version");
  }

  @Test
  void seesTheServerGoneOnceClosed() {
    ollama.close();

    assertThat(client.isRunning()).isFalse();
  }

  // ---- cloud: status, account, web search relay ----

  @Test
  void readsTheCloudStatus() {
    assertThat(client.status().cloud()).isEqualTo(new CloudStatus(false, ""));

    ollama.withCloudDisabled("env");

    assertThat(client.status().cloud()).isEqualTo(new CloudStatus(true, "env"));
  }

  @Test
  void readsTheSignedInAccount() {
    ollama.withAccount("mario", "mario@example.com");

    UserResponse me = client.me();

    assertThat(me.name()).isEqualTo("mario");
    assertThat(me.email()).isEqualTo("mario@example.com");
    assertThat(me.id()).hasSize(36);
    assertThat(me.bio()).isEmpty();
    assertThat(ollama.lastRequest().method() + " " + ollama.lastRequest().path())
        .isEqualTo("POST /api/me");
  }

  @Test
  void aSignedOutServerIsSigninRequiredForMeAndTheRelay() {
    ollama.signedOut();

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            OllamaSigninRequiredException.class,
            e -> assertThat(e.signinUrl()).isEqualTo(FakeOllama.SIGNIN_URL));
    assertThatThrownBy(() -> client.experimentalWebSearch("ollama"))
        .isInstanceOf(OllamaSigninRequiredException.class);
    assertThatThrownBy(() -> client.experimentalWebFetch("https://ollama.com"))
        .isInstanceOf(OllamaSigninRequiredException.class);
  }

  @Test
  void searchesAndFetchesThroughTheRelayWithoutAKey() {
    WebSearchResponse search = client.experimentalWebSearch("ollama", 2);
    WebFetchResponse page = client.experimentalWebFetch("https://ollama.com");

    assertThat(search.results()).hasSize(2);
    assertThat(search.results().get(0).url()).startsWith("https://example.com/search/ollama/");
    assertThat(page.content()).contains("https://ollama.com");
    assertThat(ollama.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEmpty());
    assertThat(ollama.lastRequest().body().path("url").asText()).isEqualTo("https://ollama.com");
  }

  @Test
  void createsAModelWithTheV033Fields(@TempDir Path dir) throws Exception {
    Path draft = Files.write(dir.resolve("draft.gguf"), "draft".getBytes(StandardCharsets.UTF_8));
    String digest = client.createBlob(draft);

    ProgressResponse done =
        client
            .create(
                CreateRequest.builder("fast")
                    .from("llama3.2")
                    .draftFile("draft.gguf", digest)
                    .draftQuantize("q8_0")
                    .requires("0.12.6")
                    .info("source", "test")
                    .build())
            .aggregate();

    assertThat(done.isSuccess()).isTrue();
    assertThat(ollama.lastRequest().body().path("draft_files").path("draft.gguf").asText())
        .isEqualTo(digest);
    assertThat(ollama.hasModel("fast")).isTrue();
  }

  // ---- chat ----

  @Test
  void chatsAndRecordsTheModelMessagesAndOptions() {
    ollama.model("llama3.2").reply(Reply.text("Tokyo."));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("llama3.2")
                .message(Message.system("Answer in one word."))
                .message(Message.user("What is the capital of Japan?"))
                .options(Options.builder().temperature(0.2).numCtx(8192).seed(42).build())
                .build());

    assertThat(reply.message().content()).isEqualTo("Tokyo.");
    assertThat(reply.model()).isEqualTo("llama3.2");
    assertThat(reply.done()).isTrue();
    assertThat(reply.doneReason()).hasValue("stop");
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.path()).isEqualTo("/api/chat");
    assertThat(request.model()).isEqualTo("llama3.2");
    assertThat(request.stream()).as("chat() is streamed on the wire and joined").isTrue();
    assertThat(request.messages())
        .extracting(m -> m.path("role").asText() + ": " + m.path("content").asText())
        .containsExactly("system: Answer in one word.", "user: What is the capital of Japan?");
    assertThat(request.options())
        .isEqualTo(
            Wire.JSON
                .createObjectNode()
                .put("temperature", 0.2)
                .put("num_ctx", 8192)
                .put("seed", 42));
  }

  @Test
  void streamsAChatTokenByTokenAndAssemblesIt() {
    ollama.model("llama3.2").reply(Reply.text("The sky is blue.").withTokenSize(4));
    List<String> pieces = new ArrayList<>();

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream = client.chatStream(ask("llama3.2", "Sky?"))) {
      for (ChatResponse chunk : stream) {
        pieces.add(chunk.message().content());
      }
      whole = stream.aggregate();
      assertThat(stream.finalChunk()).hasValueSatisfying(last -> assertThat(last.done()).isTrue());
    }

    assertThat(pieces).containsExactly("The ", "sky ", "is b", "lue.", "");
    assertThat(whole.message().content()).isEqualTo("The sky is blue.");
    assertThat(ollama.lastRequest().stream()).isTrue();
  }

  @Test
  void reportsNonZeroMetricsThatAddUpInTheFinalChunk() {
    ollama.model("llama3.2").reply(Reply.text("Twelve characters long answer."));

    Metrics metrics;
    try (ResponseStream<ChatResponse> stream = client.chatStream(ask("llama3.2", "Count."))) {
      stream.forEach(chunk -> {});
      metrics = stream.finalChunk().flatMap(ChatResponse::metrics).orElseThrow();
    }

    assertThat(metrics.promptEvalCount()).isPositive();
    assertThat(metrics.evalCount()).isEqualTo(8); // 30 characters, 4 a chunk
    assertThat(metrics.loadDuration()).isPositive();
    assertThat(metrics.promptEvalDuration()).isPositive();
    assertThat(metrics.evalDuration()).isPositive();
    assertThat(metrics.totalDuration())
        .isGreaterThanOrEqualTo(
            metrics.loadDuration().plus(metrics.promptEvalDuration()).plus(metrics.evalDuration()));
    assertThat(metrics.tokensPerSecond()).isPositive();
  }

  @Test
  void keepsThinkingApartFromContent() {
    ollama
        .model("qwen3")
        .capabilities("completion", "thinking")
        .reply(Reply.text("Blue.").withThinking("Rayleigh scattering favours short waves."));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("qwen3")
                .message(Message.user("Why is the sky blue?"))
                .think(Think.ENABLED)
                .build());

    assertThat(reply.message().content()).isEqualTo("Blue.");
    assertThat(reply.message().thinking()).hasValue("Rayleigh scattering favours short waves.");
    assertThat(ollama.lastRequest().think()).hasValue(Wire.JSON.getNodeFactory().booleanNode(true));
  }

  @Test
  void streamsThinkingBeforeTheContentAndAggregatesBothApart() {
    ollama
        .model("qwen3")
        .capabilities("completion", "thinking")
        .reply(Reply.text("Blue.").withThinking("Short waves scatter."));
    List<String> order = new ArrayList<>();

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream =
        client.chatStream(
            ChatRequest.builder("qwen3").message(Message.user("Why?")).think(Think.HIGH).build())) {
      for (ChatResponse chunk : stream) {
        chunk.message().thinking().ifPresent(t -> order.add("T:" + t));
        if (!chunk.message().content().isEmpty()) {
          order.add("C:" + chunk.message().content());
        }
      }
      whole = stream.aggregate();
    }

    assertThat(order)
        .containsExactly("T:Shor", "T:t wa", "T:ves ", "T:scat", "T:ter.", "C:Blue", "C:.");
    assertThat(whole.message().thinking()).hasValue("Short waves scatter.");
    assertThat(whole.message().content()).isEqualTo("Blue.");
    assertThat(ollama.lastRequest().think()).hasValue(Wire.JSON.getNodeFactory().textNode("high"));
  }

  @Test
  void decodesToolCallsWithTheirIdAndIndex() throws Exception {
    ollama
        .model("llama3.2")
        .reply(
            Reply.toolCall("get_weather", Map.of("city", "Tokyo"))
                .withToolCall("call_b", "get_time", Map.of("city", "Tokyo")));
    Tool weather =
        Tool.function("get_weather", "The weather in a city", JsonSchemas.of(City.class));
    Tool time = Tool.function("get_time", "The time in a city", JsonSchemas.of(City.class));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("llama3.2")
                .message(Message.user("Weather and time in Tokyo?"))
                .tool(weather)
                .tool(time)
                .build());

    List<ToolCall> calls = reply.message().toolCalls();
    assertThat(calls).extracting(ToolCall::name).containsExactly("get_weather", "get_time");
    assertThat(calls.get(0).id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
    assertThat(calls.get(1).id()).hasValue("call_b");
    assertThat(calls.get(0).index()).hasValue(0);
    assertThat(calls.get(1).index()).hasValue(1);
    assertThat(calls.get(0).arguments(City.class)).isEqualTo(new City("Tokyo"));
    assertThat(ollama.lastRequest().tools())
        .extracting(t -> t.path("function").path("name").asText())
        .containsExactly("get_weather", "get_time");
    assertThat(ollama.lastRequest().tools().get(0).path("function").path("parameters"))
        .isEqualTo(
            Wire.JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                    + "\"required\":[\"city\"]}"));
  }

  @Test
  void gathersStreamedToolCallsInTheAggregate() {
    ollama
        .model("llama3.2")
        .reply(Reply.text("Let me check.").withToolCall("get_weather", Map.of("city", "Oslo")));

    ChatResponse whole;
    try (ResponseStream<ChatResponse> stream =
        client.chatStream(
            ChatRequest.builder("llama3.2")
                .message(Message.user("Weather in Oslo?"))
                .tool(Tool.function("get_weather", "Weather", JsonSchemas.of(City.class)))
                .build())) {
      whole = stream.aggregate();
    }

    assertThat(whole.message().content()).isEqualTo("Let me check.");
    assertThat(whole.message().toolCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.name()).isEqualTo("get_weather");
              assertThat(call.index()).hasValue(0);
              assertThat(call.arguments(City.class).city()).isEqualTo("Oslo");
            });
  }

  @Test
  void parsesAFormatReplyIntoARecordAndSendsTheSchema() {
    ollama
        .model("llama3.2")
        .reply(
            Reply.json(
                "{\"name\":\"Canada\",\"capital\":\"Ottawa\",\"languages\":[\"en\",\"fr\"]}"));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("llama3.2")
                .message(Message.user("Tell me about Canada."))
                .format(Format.of(Country.class))
                .build());

    assertThat(reply.message().contentAs(Country.class))
        .isEqualTo(new Country("Canada", "Ottawa", List.of("en", "fr")));
    JsonNode format = ollama.lastRequest().format().orElseThrow();
    assertThat(format.path("type").asText()).isEqualTo("object");
    assertThat(format.path("properties").path("languages").path("type").asText())
        .isEqualTo("array");
  }

  @Test
  void makesUpADocumentThatFitsTheSchemaWhenNoJsonIsScripted() {
    ollama.model("llama3.2").reply(Reply.text("Ottawa"));

    ChatResponse reply =
        client.chat(
            ChatRequest.builder("llama3.2")
                .message(Message.user("Canada?"))
                .format(Format.of(Country.class))
                .build());

    Country country = reply.message().contentAs(Country.class);
    assertThat(country.capital()).isEqualTo("Ottawa");
    assertThat(country.languages()).hasSize(1);
  }

  @Test
  void sendsTheApiKeyAsABearerToken() {
    try (OllamaClient keyed = client.newBuilder().apiKey("sk-test-123").build()) {
      keyed.chat(ask("llama3.2", "hi"));
    }

    assertThat(ollama.lastRequest().header("Authorization")).hasValue("Bearer sk-test-123");
  }

  @Test
  void sendsNoAuthorizationWithoutAnApiKey() {
    client.chat(ask("llama3.2", "hi"));

    assertThat(ollama.lastRequest().header("Authorization")).isEmpty();
    assertThat(ollama.lastRequest().header("User-Agent"))
        .hasValueSatisfying(agent -> assertThat(agent).startsWith("ollama-client-java/"));
  }

  @Test
  void hearsEachChunkOfChatAsyncAndCompletesWithTheWhole() throws Exception {
    ollama.model("llama3.2").reply(Reply.text("abcdefgh").withTokenSize(2));
    List<String> pieces = new CopyOnWriteArrayList<>();

    ChatResponse whole =
        client
            .chatAsync(ask("llama3.2", "letters"), chunk -> pieces.add(chunk.message().content()))
            .get(5, TimeUnit.SECONDS);

    assertThat(pieces).containsExactly("ab", "cd", "ef", "gh", "");
    assertThat(whole.message().content()).isEqualTo("abcdefgh");
    assertThat(whole.metrics()).isPresent();
  }

  // ---- generate ----

  @Test
  void generatesWithSystemAndKeepAliveRecorded() {
    ollama.model("llama3.2").reply(Reply.text("Because of Rayleigh scattering."));

    GenerateResponse answer =
        client.generate(
            GenerateRequest.builder("llama3.2")
                .prompt("Why is the sky blue?")
                .system("Be brief.")
                .keepAlive(KeepAlive.of(Duration.ofMinutes(30)))
                .build());

    assertThat(answer.response()).isEqualTo("Because of Rayleigh scattering.");
    assertThat(answer.context()).isNotEmpty();
    assertThat(answer.metrics()).hasValueSatisfying(m -> assertThat(m.evalCount()).isEqualTo(8));
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.path()).isEqualTo("/api/generate");
    assertThat(request.prompt()).isEqualTo("Why is the sky blue?");
    assertThat(request.body().path("system").asText()).isEqualTo("Be brief.");
    assertThat(request.keepAlive()).isPresent();
    assertThat(request.stream()).as("generate() is streamed on the wire and joined").isTrue();
  }

  @Test
  void streamsAGenerationAndKeepsThinkingApart() {
    ollama
        .model("qwen3")
        .capabilities("completion", "thinking")
        .reply(Reply.text("Hello world").withThinking("Greet.").withTokenSize(6));
    List<String> responses = new ArrayList<>();

    GenerateResponse whole;
    try (ResponseStream<GenerateResponse> stream =
        client.generateStream(
            GenerateRequest.builder("qwen3").prompt("Say hello").think(Think.ENABLED).build())) {
      for (GenerateResponse chunk : stream) {
        responses.add(chunk.response());
      }
      whole = stream.aggregate();
    }

    assertThat(String.join("", responses)).isEqualTo("Hello world");
    assertThat(whole.response()).isEqualTo("Hello world");
    assertThat(whole.thinking()).hasValue("Greet.");
    assertThat(whole.doneReason()).hasValue("stop");
  }

  @Test
  void parsesAGenerateFormatReplyWithResponseAs() {
    ollama.model("llama3.2").reply(Reply.json("{\"city\":\"Lima\"}"));

    GenerateResponse answer =
        client.generate(
            GenerateRequest.builder("llama3.2")
                .prompt("A capital in Peru")
                .format(Format.of(City.class))
                .build());

    assertThat(answer.responseAs(City.class)).isEqualTo(new City("Lima"));
  }

  @Test
  void generateAsyncCompletesWithTheWholeAnswer() throws Exception {
    ollama.model("llama3.2").reply(Reply.text("one two"));
    StringBuilder seen = new StringBuilder();

    GenerateResponse whole =
        client
            .generateAsync(
                GenerateRequest.builder("llama3.2").prompt("count").build(),
                chunk -> seen.append(chunk.response()))
            .get(5, TimeUnit.SECONDS);

    assertThat(seen).hasToString("one two");
    assertThat(whole.response()).isEqualTo("one two");
  }

  // ---- embeddings ----

  @Test
  void embedsEachInputWithTheModelsDimensionDeterministically() {
    ollama.model("all-minilm").embeddingDimension(384);

    EmbedResponse first =
        client.embed(
            EmbedRequest.builder("all-minilm").inputs(List.of("sky", "grass", "sky")).build());
    EmbedResponse again = client.embed(EmbedRequest.builder("all-minilm").input("sky").build());

    assertThat(first.embeddings()).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(first.embeddings().get(0)).isEqualTo(first.embeddings().get(2));
    assertThat(first.embeddings().get(0)).isNotEqualTo(first.embeddings().get(1));
    assertThat(again.embedding()).isEqualTo(first.embeddings().get(0));
    assertThat(norm(first.embeddings().get(1))).isCloseTo(1.0, within(1e-5));
    assertThat(first.metrics().orElseThrow().promptEvalCount()).isPositive();
    assertThat(first.metrics().orElseThrow().totalDuration()).isPositive();
    assertThat(ollama.requests().get(0).body().path("input"))
        .isEqualTo(Wire.JSON.valueToTree(List.of("sky", "grass", "sky")));
  }

  @Test
  void shortensVectorsToTheRequestedDimensions() {
    ollama.model("embeddinggemma").embeddingDimension(768);

    float[] vector =
        client
            .embed(EmbedRequest.builder("embeddinggemma").input("hello").dimensions(128).build())
            .embedding();

    assertThat(vector).hasSize(128);
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    assertThat(ollama.lastRequest().body().path("dimensions").asInt()).isEqualTo(128);
  }

  @Test
  @SuppressWarnings("deprecation")
  void embedsOnePromptOnTheLegacyEndpoint() {
    ollama.model("all-minilm").embeddingDimension(384);

    EmbeddingsResponse response =
        client.embeddings(EmbeddingsRequest.builder("all-minilm").prompt("sky").build());

    assertThat(response.embedding()).hasSize(384);
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/embeddings");
    assertThat(ollama.lastRequest().body().path("prompt").asText()).isEqualTo("sky");
  }

  // ---- models ----

  @Test
  void ensureModelPullsAMissingModelOnceAndLeavesAPresentOneAlone() {
    List<ProgressResponse> progress = new ArrayList<>();

    boolean pulled = client.ensureModel("qwen3:8b", progress::add);
    boolean again = client.ensureModel("qwen3:8b", progress::add);
    boolean present = client.ensureModel("llama3.2", progress::add);

    assertThat(pulled).isTrue();
    assertThat(again).isFalse();
    assertThat(present).isFalse();
    assertThat(progress).last().satisfies(p -> assertThat(p.isSuccess()).isTrue());
    assertThat(ollama.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/api/show", "/api/pull", "/api/show", "/api/show");
    assertThat(client.list()).extracting(ModelSummary::name).contains("qwen3:8b");
  }

  @Test
  void ensureModelReportsAPullThatFailsHalfWay() {
    ollama.failNext(Fault.status(404, "{\"error\":\"model 'qwen3:8b' not found\"}"));
    ollama.failNext(Fault.errorAfter(2, "read tcp: connection reset by peer"));
    List<ProgressResponse> progress = new ArrayList<>();

    OllamaStreamException e =
        catchThrowableOfType(
            OllamaStreamException.class, () -> client.ensureModel("qwen3:8b", progress::add));

    assertThat(e.errorMessage()).isEqualTo("read tcp: connection reset by peer");
    assertThat(e.chunksDelivered()).isEqualTo(2);
    assertThat(progress).hasSize(2).noneSatisfy(p -> assertThat(p.isSuccess()).isTrue());
  }

  @Test
  void listsAndShowsAModelAfterPullingItWithProgress() {
    List<ProgressResponse> progress = new ArrayList<>();
    try (ResponseStream<ProgressResponse> pull = client.pull("qwen3:8b")) {
      pull.forEach(progress::add);
    }

    assertThat(progress.get(0).status()).isEqualTo("pulling manifest");
    assertThat(progress).last().satisfies(p -> assertThat(p.isSuccess()).isTrue());
    assertThat(progress)
        .filteredOn(p -> p.total().isPresent() && p.completed().isPresent())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.fraction().orElseThrow()).isBetween(0.0, 1.0));
    assertThat(client.list())
        .extracting(ModelSummary::name)
        .contains("qwen3:8b", "llama3.2:latest");
    ModelSummary pulled =
        client.list().stream().filter(m -> m.name().equals("qwen3:8b")).findFirst().orElseThrow();
    assertThat(pulled.size()).isPositive();
    assertThat(pulled.digest()).hasSize(64);
    assertThat(pulled.details().family()).isEqualTo("qwen3");
    ShowResponse show = client.show("qwen3:8b");
    assertThat(show.capabilities()).contains("completion");
    assertThat(show.architecture()).hasValue("qwen3");
    assertThat(show.contextLength()).isPresent();
    assertThat(show.modelfile()).contains("FROM ");
    assertThat(ollama.requests().get(0).body().path("model").asText()).isEqualTo("qwen3:8b");
  }

  @Test
  void pullAsyncHearsEveryLineAndCompletesWithSuccess() throws Exception {
    List<String> statuses = new CopyOnWriteArrayList<>();

    ProgressResponse last =
        client
            .pullAsync(
                io.github.ollamaclient.models.PullRequest.builder("gemma3").build(),
                p -> statuses.add(p.status()))
            .get(5, TimeUnit.SECONDS);

    assertThat(last.isSuccess()).isTrue();
    assertThat(statuses).startsWith("pulling manifest").endsWith("success");
    assertThat(statuses).contains("verifying sha256 digest", "writing manifest");
    assertThat(ollama.hasModel("gemma3")).isTrue();
  }

  @Test
  void listsWhatIsLoadedInPsWithTheContextLengthAsked() {
    client.chat(
        ChatRequest.builder("llama3.2")
            .message(Message.user("hi"))
            .options(Options.builder().numCtx(8192).build())
            .keepAlive(KeepAlive.of(Duration.ofMinutes(10)))
            .build());

    List<RunningModel> running = client.ps();

    assertThat(running)
        .singleElement()
        .satisfies(
            model -> {
              assertThat(model.name()).isEqualTo("llama3.2:latest");
              assertThat(model.contextLength()).hasValue(8192);
              assertThat(model.sizeVram()).isPositive();
              assertThat(model.expiresAt())
                  .isBetween(Instant.now().plusSeconds(500), Instant.now().plusSeconds(601));
            });
  }

  @Test
  void loadsAndUnloadsAModel() {
    client.load("llama3.2", KeepAlive.FOREVER);
    assertThat(client.ps()).extracting(RunningModel::name).containsExactly("llama3.2:latest");

    client.unload("llama3.2");

    assertThat(client.ps()).isEmpty();
    assertThat(ollama.requests())
        .filteredOn(r -> r.path().equals("/api/generate"))
        .extracting(r -> r.keepAlive().map(JsonNode::asInt).orElse(99))
        .containsExactly(-1, 0);
  }

  @Test
  void copyAndDeleteChangeTheList() {
    client.copy("llama3.2", "me/llama3.2:copy");
    assertThat(client.list())
        .extracting(ModelSummary::name)
        .containsExactlyInAnyOrder("llama3.2:latest", "me/llama3.2:copy");

    client.delete("llama3.2");

    assertThat(client.list()).extracting(ModelSummary::name).containsExactly("me/llama3.2:copy");
    RecordedRequest delete =
        ollama.requests().stream()
            .filter(r -> r.path().equals("/api/delete"))
            .findFirst()
            .orElseThrow();
    assertThat(delete.method()).isEqualTo("DELETE");
    assertThat(delete.body()).isEqualTo(Wire.JSON.createObjectNode().put("model", "llama3.2"));
  }

  @Test
  void pushesACopiedModelWithProgress() {
    client.copy("llama3.2", "me/llama3.2");

    List<String> statuses = new ArrayList<>();
    try (ResponseStream<ProgressResponse> push =
        client.push(PushRequest.builder("me/llama3.2").build())) {
      push.forEach(p -> statuses.add(p.status()));
    }

    assertThat(statuses).startsWith("retrieving manifest").endsWith("pushing manifest", "success");
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/push");
    assertThat(ollama.lastRequest().model()).isEqualTo("me/llama3.2");
  }

  @Test
  void uploadsABlobOnceAndCreatesAModelFromTheLocalFile(@TempDir Path dir) throws Exception {
    Path gguf = dir.resolve("tiny.gguf");
    Files.write(gguf, "GGUF fake weights".getBytes(StandardCharsets.UTF_8));

    String digest = client.createBlob(gguf);
    assertThat(client.blobExists(digest)).isTrue();
    assertThat(ollama.hasBlob(digest)).isTrue();
    ProgressResponse done =
        client
            .create(
                CreateRequest.builder("tiny")
                    .file("tiny.gguf", gguf)
                    .system("You are tiny.")
                    .build())
            .aggregate();

    assertThat(done.isSuccess()).isTrue();
    assertThat(ollama.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "HEAD /api/blobs/" + digest,
            "POST /api/blobs/" + digest,
            "HEAD /api/blobs/" + digest,
            "HEAD /api/blobs/" + digest,
            "POST /api/create");
    RecordedRequest create = ollama.lastRequest();
    assertThat(create.body().path("files"))
        .isEqualTo(Wire.JSON.createObjectNode().put("tiny.gguf", digest));
    assertThat(create.body().path("system").asText()).isEqualTo("You are tiny.");
    assertThat(client.show("tiny").system()).hasValue("You are tiny.");
  }

  @Test
  void createsAModelFromAnotherWithParameters() {
    List<String> statuses = new ArrayList<>();
    try (ResponseStream<ProgressResponse> create =
        client.create(
            CreateRequest.builder("mario")
                .from("llama3.2")
                .system("You are Mario.")
                .parameter("temperature", 0.7)
                .build())) {
      create.forEach(p -> statuses.add(p.status()));
    }

    assertThat(statuses).contains("creating system layer", "writing manifest").endsWith("success");
    ShowResponse show = client.show("mario");
    assertThat(show.system()).hasValue("You are Mario.");
    assertThat(show.parameters()).contains("temperature").contains("0.7");
    assertThat(show.details().parentModel()).isEqualTo("llama3.2:latest");
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float value : vector) {
      sum += (double) value * value;
    }
    return Math.sqrt(sum);
  }
}
