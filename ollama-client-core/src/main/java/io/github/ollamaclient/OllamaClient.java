package io.github.ollamaclient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.cloud.StatusResponse;
import io.github.ollamaclient.cloud.UserResponse;
import io.github.ollamaclient.embed.EmbedProgress;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.embed.EmbeddingsRequest;
import io.github.ollamaclient.embed.EmbeddingsResponse;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.internal.ApiCall;
import io.github.ollamaclient.internal.ChatStream;
import io.github.ollamaclient.internal.ClientInfo;
import io.github.ollamaclient.internal.FileUpload;
import io.github.ollamaclient.internal.GenerateStream;
import io.github.ollamaclient.internal.HostResolver;
import io.github.ollamaclient.internal.Payload;
import io.github.ollamaclient.internal.PromptTruncations;
import io.github.ollamaclient.internal.SharedResources;
import io.github.ollamaclient.internal.StreamSpec;
import io.github.ollamaclient.internal.Transport;
import io.github.ollamaclient.internal.wire.EmbedBodyDecoder;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.models.CreateRequest;
import io.github.ollamaclient.models.ModelRecommendation;
import io.github.ollamaclient.models.ModelSummary;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PullRequest;
import io.github.ollamaclient.models.PushRequest;
import io.github.ollamaclient.models.RunningModel;
import io.github.ollamaclient.models.ShowRequest;
import io.github.ollamaclient.models.ShowResponse;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.TruncationCheck;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import io.github.ollamaclient.web.WebFetchResponse;
import io.github.ollamaclient.web.WebSearchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for Ollama's native HTTP API. Each method is named after its endpoint: {@code POST
 * /api/chat} is {@link #chat}, {@code GET /api/tags} is {@link #list}, and so on.
 *
 * <pre>{@code
 * try (OllamaClient client = OllamaClient.fromEnv()) {
 *   ChatResponse reply = client.chat(ChatRequest.builder("llama3.2")
 *       .message(Message.user("Why is the sky blue?"))
 *       .build());
 *   System.out.println(reply.message().content());
 * }
 * }</pre>
 *
 * <p>Thread-safe: build one and share it. {@link #close()} releases the connection pool and threads
 * the client created (never an {@link OkHttpClient} you supplied). Defaults are listed on {@link
 * Builder}.
 */
public final class OllamaClient implements AutoCloseable {
  private final Transport transport;
  private final Transport cloudTransport;
  private final SharedResources resources;
  private final Builder settings;
  private final Optional<PromptTruncations> truncations;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OllamaClient(
      Transport transport,
      Transport cloudTransport,
      SharedResources resources,
      Builder settings,
      OllamaListener observed) {
    this.transport = transport;
    this.cloudTransport = cloudTransport;
    this.resources = resources;
    this.settings = settings;
    this.truncations =
        observed instanceof PromptTruncations watch ? Optional.of(watch) : Optional.empty();
    truncations.ifPresent(watch -> watch.lookUpWith(this::ps));
  }

  /**
   * A client configured from the environment: {@code OLLAMA_HOST} for the server (default {@code
   * http://127.0.0.1:11434}) and {@code OLLAMA_API_KEY} for a bearer token. Same as {@code
   * builder().build()}.
   */
  public static OllamaClient fromEnv() {
    return builder().build();
  }

  /** A builder whose defaults come from {@code OLLAMA_HOST} and {@code OLLAMA_API_KEY}. */
  public static Builder builder() {
    return new Builder(System::getenv);
  }

  /**
   * A builder that starts from this client's settings and shares its connection pool and threads;
   * the derived client can change any setting, such as timeouts or headers.
   */
  public Builder newBuilder() {
    Builder copy = new Builder(settings);
    copy.shared = resources;
    return copy;
  }

  /** The base URL requests go to, such as {@code http://127.0.0.1:11434}. */
  public String baseUrl() {
    return transport.baseUrlText();
  }

  // ---- server ----------------------------------------------------------------------------

  /**
   * {@code GET /api/version}: the server's version, such as {@code 0.12.6}.
   *
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public String version() {
    return transport
        .execute(ApiCall.get("version", "/api/version"), VersionResponse.class)
        .version();
  }

  /**
   * Whether an Ollama server answers at the base URL, within 5 seconds. Never throws: any failure,
   * or an answer that is not Ollama's, is {@code false}.
   *
   * <p>It asks {@code HEAD /api/version}, the cheapest question Ollama answers (no body, no model),
   * and takes a JSON answer for Ollama. Servers older than that route, and anything else that does
   * not answer so (a 404 or 405, a proxy's page), are asked {@code GET /} as before, which Ollama
   * answers with "Ollama is running".
   */
  public boolean isRunning() {
    OllamaClient probe =
        newBuilder()
            .callTimeout(Duration.ofSeconds(5))
            .connectTimeout(min(settings.connectTimeout, Duration.ofSeconds(5)))
            .retryPolicy(RetryPolicy.none())
            .build();
    try (probe) {
      Transport.Probe head = probe.transport.probe(ApiCall.head("isRunning", "/api/version"));
      if (head.status() == 200 && head.contentType().startsWith("application/json")) {
        return true;
      }
      return probe
          .transport
          .executeText(ApiCall.get("isRunning", "/"))
          .contains("Ollama is running");
    } catch (OllamaException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.isZero() || a.compareTo(b) > 0 ? b : a;
  }

  /** The body of {@code GET /api/version}. */
  private record VersionResponse(String version) {
    @JsonCreator
    static VersionResponse fromJson(@JsonProperty("version") String version) {
      if (version == null) {
        throw new OllamaProtocolException("GET /api/version answered without a version");
      }
      return new VersionResponse(version);
    }
  }

  /**
   * {@code GET /api/status}: whether the server's cloud features (cloud models, the web search
   * relay) are turned off, and by what. Ask before offering them: a server whose administrator
   * turned the cloud off refuses every call that needs it.
   *
   * @throws OllamaHttpException with status 404 from servers older than the route
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public StatusResponse status() {
    return transport.execute(ApiCall.get("status", "/api/status"), StatusResponse.class);
  }

  /**
   * {@code POST /api/me}: the ollama.com account the Ollama server is signed in as (with {@code
   * ollama signin} on its machine), whose plan applies to the cloud models and web searches the
   * server runs. This is the server's account, not this client's API key, which plays no part here.
   *
   * @throws OllamaSigninRequiredException when the server is not signed in, with the URL that signs
   *     it in
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public UserResponse me() {
    return transport.execute(
        ApiCall.post("me", "/api/me", Payload.EMPTY, null), UserResponse.class);
  }

  // ---- generate and chat -----------------------------------------------------------------

  // chat

  /**
   * {@code POST /api/chat}: the model's next message in a conversation, as one answer. It is
   * streamed on the wire and joined here (as {@link ResponseStream#aggregate()}), so that the read
   * timeout bounds only the model's load and the gaps between tokens, never a long answer as a
   * whole. A server that ignores {@code "stream"} and sends one JSON answer is read as such.
   *
   * <pre>{@code
   * ChatResponse reply = client.chat(ChatRequest.builder("llama3.2")
   *     .message(Message.user("Why is the sky blue?"))
   *     .build());
   * System.out.println(reply.message().content());
   * }</pre>
   *
   * @throws ModelNotFoundException when the model is not on the server, saying how to pull it
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public ChatResponse chat(ChatRequest request) {
    return transport.aggregate(chatCall(request), ChatStream.spec());
  }

  /**
   * {@code POST /api/chat}, streamed ({@code "stream": true}): the message in chunks as the model
   * writes it. Close the stream, best in try-with-resources; closing early stops the model.
   *
   * <pre>{@code
   * try (ResponseStream<ChatResponse> stream = client.chatStream(request)) {
   *   for (ChatResponse chunk : stream) {
   *     System.out.print(chunk.message().content());
   *   }
   *   history.add(stream.aggregate().message());
   * }
   * }</pre>
   *
   * @throws ModelNotFoundException when the model is not on the server, saying how to pull it
   * @throws OllamaException when the call fails before the stream starts; failures after that are
   *     thrown by the iteration (see {@link ResponseStream})
   */
  public ResponseStream<ChatResponse> chatStream(ChatRequest request) {
    return transport.stream(chatCall(request), ChatStream.spec());
  }

  /**
   * {@code POST /api/chat}, streamed without blocking: each chunk goes to {@code onChunk} on an
   * OkHttp thread, in order, and the future completes with the whole answer (as {@link
   * ResponseStream#aggregate()}). Cancelling the future aborts the call, so the model stops.
   *
   * <pre>{@code
   * CompletableFuture<ChatResponse> whole =
   *     client.chatAsync(request, chunk -> System.out.print(chunk.message().content()));
   * whole.thenAccept(reply -> history.add(reply.message()));
   * }</pre>
   *
   * <p>The future fails with the same exceptions {@link #chatStream} throws; when {@code onChunk}
   * throws, the call is aborted and the future fails with that exception.
   */
  public CompletableFuture<ChatResponse> chatAsync(
      ChatRequest request, Consumer<? super ChatResponse> onChunk) {
    Objects.requireNonNull(onChunk, "onChunk");
    return transport.streamAsync(chatCall(request), ChatStream.spec(), onChunk);
  }

  /**
   * {@code POST /api/chat}, streamed as a {@link Flow.Publisher}: the chunks (the final one
   * included) as the subscriber requests them, then {@code onComplete}. Each subscription sends the
   * request anew; it is sent once {@code onSubscribe} returns, and lines are read from the body
   * only as demand allows, on an OkHttp thread. {@code cancel()} aborts the call, so the model
   * stops. Failures arrive as {@code onError} with the exceptions {@link #chatStream} throws,
   * {@link ModelNotFoundException} included. No reactive library is needed; with Reactor it is one
   * call to a {@code Flux}:
   *
   * <pre>{@code
   * Flux<ChatResponse> chunks = JdkFlowAdapter.flowPublisherToFlux(client.chatFlow(request));
   * }</pre>
   *
   * <p>RxJava 3 and Akka/Pekko Streams take a Reactive Streams publisher: {@code
   * FlowAdapters.toPublisher(client.chatFlow(request))} (from {@code org.reactivestreams}) makes
   * one, for {@code Flowable.fromPublisher} or {@code Source.fromPublisher}.
   */
  public Flow.Publisher<ChatResponse> chatFlow(ChatRequest request) {
    return transport.publisher(chatCall(request), ChatStream.spec());
  }

  private static ApiCall chatCall(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return ApiCall.post(
        "chat",
        "/api/chat",
        Payload.request(request, true, request.keepAlive().isEmpty()),
        request.model());
  }

  // generate

  /**
   * {@code POST /api/generate}: completes a prompt and waits for the whole answer. Like {@link
   * #chat}, it is streamed on the wire and joined here, so that no timeout cuts off a long answer.
   *
   * <pre>{@code
   * GenerateResponse answer = client.generate(GenerateRequest.builder("llama3.2")
   *     .prompt("Why is the sky blue?")
   *     .build());
   * System.out.println(answer.response());
   * answer.metrics().ifPresent(m -> System.out.println(m.tokensPerSecond() + " tokens/s"));
   * }</pre>
   *
   * <p>For structured output, set {@code .format(Format.of(MyRecord.class))} and read the answer
   * with {@link GenerateResponse#responseAs(Class) answer.responseAs(MyRecord.class)}.
   *
   * @throws ModelNotFoundException when the model is not pulled
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public GenerateResponse generate(GenerateRequest request) {
    return transport.aggregate(generateCall(request), GenerateStream.spec());
  }

  /**
   * {@code POST /api/generate} streamed ({@code "stream": true}): the answer in chunks as the model
   * writes it. Close the stream, best with try-with-resources; closing early stops the generation.
   *
   * <pre>{@code
   * try (ResponseStream<GenerateResponse> stream = client.generateStream(request)) {
   *   for (GenerateResponse chunk : stream) {
   *     System.out.print(chunk.response());
   *   }
   *   stream.finalChunk().flatMap(GenerateResponse::doneReason).ifPresent(System.out::println);
   * }
   * }</pre>
   *
   * <p>{@link ResponseStream#aggregate()} returns the whole answer: text and thinking joined, the
   * final chunk's metrics.
   *
   * @throws ModelNotFoundException when the model is not pulled (before any chunk)
   * @throws OllamaException when the server cannot be reached or answers with an error status;
   *     errors during the stream are thrown by its iterator
   */
  public ResponseStream<GenerateResponse> generateStream(GenerateRequest request) {
    return transport.stream(generateCall(request), GenerateStream.spec());
  }

  /**
   * {@code POST /api/generate} streamed without blocking: each chunk goes to {@code onChunk} on an
   * HTTP client thread, in order, and the future completes with the whole answer (as {@link
   * ResponseStream#aggregate()}). Cancelling the future stops the generation.
   *
   * <pre>{@code
   * client.generateAsync(request, chunk -> System.out.print(chunk.response()))
   *     .thenAccept(answer -> System.out.println("\n" + answer.metrics().orElseThrow()));
   * }</pre>
   *
   * <p>The future fails with the same exceptions as {@link #generateStream}; when {@code onChunk}
   * throws, the call is cancelled and the future fails with that exception.
   */
  public CompletableFuture<GenerateResponse> generateAsync(
      GenerateRequest request, Consumer<? super GenerateResponse> onChunk) {
    Objects.requireNonNull(onChunk, "onChunk");
    return transport.streamAsync(generateCall(request), GenerateStream.spec(), onChunk);
  }

  /**
   * {@code POST /api/generate}, streamed as a {@link Flow.Publisher}: the chunks as the subscriber
   * requests them, read and signalled as {@link #chatFlow} does (a new call per subscription,
   * {@code cancel()} stops the generation, failures as {@code onError}). With Reactor:
   *
   * <pre>{@code
   * Flux<GenerateResponse> chunks = JdkFlowAdapter.flowPublisherToFlux(client.generateFlow(request));
   * }</pre>
   */
  public Flow.Publisher<GenerateResponse> generateFlow(GenerateRequest request) {
    return transport.publisher(generateCall(request), GenerateStream.spec());
  }

  private static ApiCall generateCall(GenerateRequest request) {
    Objects.requireNonNull(request, "request");
    return ApiCall.post(
        "generate",
        "/api/generate",
        Payload.request(request, true, request.keepAlive().isEmpty()),
        request.model());
  }

  // ---- embeddings ------------------------------------------------------------------------

  /**
   * {@code POST /api/embed}: a vector for each input text, in input order.
   *
   * <pre>{@code
   * float[] vector = client.embed(EmbedRequest.builder("all-minilm")
   *     .input("Why is the sky blue?")
   *     .build()).embedding();
   * }</pre>
   *
   * @throws ModelNotFoundException when the model is not on the server
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public EmbedResponse embed(EmbedRequest request) {
    Objects.requireNonNull(request, "request");
    // /api/embed never streams and documents no stream flag, so the request goes as it is.
    return transport.execute(
        ApiCall.post(
            "embed",
            "/api/embed",
            Payload.unstreamed(request, request.keepAlive().isEmpty()),
            request.model()),
        EmbedBodyDecoder::decode);
  }

  /**
   * {@code POST /api/embed} for a list of any length, in batches of at most {@code batchSize}
   * inputs: one call per batch, one after another, each tried again under the client's {@link
   * RetryPolicy} as any call is (a batch the server refused with 503 is sent again, not the list).
   * The answer is as one call would give it: the vectors in input order, and the statistics summed
   * over the batches. {@code onProgress} hears after each batch how many inputs are done, on the
   * calling thread.
   *
   * <pre>{@code
   * EmbedResponse all = client.embedAll(EmbedRequest.builder("all-minilm").inputs(chunks).build(),
   *     100, (done, total) -> System.out.printf("%d of %d%n", done, total));
   * }</pre>
   *
   * <p>Memory: besides the vectors of the answer, the client holds one batch at a time (its inputs,
   * request body and answer), never a copy of the whole list or its JSON. Ollama itself embeds a
   * long input list one model batch after another, so large batches gain little and a failure costs
   * the whole batch: some tens to a few hundred inputs are a good size.
   *
   * @param request the model, the inputs and the settings every batch is sent with
   * @param batchSize the most inputs per call; positive
   * @throws IllegalArgumentException when {@code batchSize} is not positive
   * @throws OllamaProtocolException when a batch is answered with more or fewer vectors than inputs
   * @throws OllamaException when a batch fails after its retries; the batches before it were
   *     embedded (the progress told how many), and their vectors are dropped
   */
  public EmbedResponse embedAll(EmbedRequest request, int batchSize, EmbedProgress onProgress) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(onProgress, "onProgress");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
    }
    List<String> inputs = request.inputs();
    List<float[]> vectors = new ArrayList<>(inputs.size());
    String model = "";
    Metrics sum = null;
    for (int from = 0; from < inputs.size(); from += batchSize) {
      int to = Math.min(inputs.size(), from + batchSize);
      EmbedResponse batch = embed(batchOf(request, inputs.subList(from, to)));
      if (batch.embeddings().size() != to - from) {
        throw new OllamaProtocolException(
            "/api/embed answered the batch of inputs["
                + from
                + ".."
                + (to - 1)
                + "] with "
                + batch.embeddings().size()
                + " vectors for "
                + (to - from)
                + " inputs");
      }
      vectors.addAll(batch.embeddings());
      model = batch.model();
      if (batch.metrics().isPresent()) {
        sum = sum == null ? batch.metrics().get() : sum(sum, batch.metrics().get());
      }
      onProgress.update(to, inputs.size());
    }
    return new EmbedResponse(model, vectors, Optional.ofNullable(sum));
  }

  /** The statistics of two embed calls as one: times and tokens added. */
  private static Metrics sum(Metrics a, Metrics b) {
    return new Metrics(
        a.totalDuration().plus(b.totalDuration()),
        a.loadDuration().plus(b.loadDuration()),
        a.promptEvalCount() + b.promptEvalCount(),
        a.promptEvalDuration().plus(b.promptEvalDuration()),
        a.evalCount() + b.evalCount(),
        a.evalDuration().plus(b.evalDuration()));
  }

  private static EmbedRequest batchOf(EmbedRequest request, List<String> inputs) {
    EmbedRequest.Builder batch = EmbedRequest.builder(request.model()).inputs(inputs);
    request.truncate().ifPresent(batch::truncate);
    request.dimensions().ifPresent(batch::dimensions);
    request.options().ifPresent(batch::options);
    request.keepAlive().ifPresent(batch::keepAlive);
    return batch.build();
  }

  /**
   * {@code POST /api/embeddings}: one vector for one prompt, not normalised.
   *
   * @throws ModelNotFoundException when the model is not on the server
   * @throws OllamaException when the server cannot be reached or answers with an error
   * @deprecated Ollama superseded {@code /api/embeddings} with {@code /api/embed}: use {@link
   *     #embed(EmbedRequest)}, which embeds several inputs per call, can truncate and shorten
   *     vectors, and returns unit-length vectors. This method stays for servers and stored vectors
   *     that depend on the old endpoint.
   */
  @Deprecated
  public EmbeddingsResponse embeddings(EmbeddingsRequest request) {
    Objects.requireNonNull(request, "request");
    return transport.execute(
        ApiCall.post(
            "embeddings",
            "/api/embeddings",
            Payload.unstreamed(request, request.keepAlive().isEmpty()),
            request.model()),
        EmbeddingsResponse.class);
  }

  // ---- models ----------------------------------------------------------------------------

  private static final StreamSpec<ProgressResponse> PROGRESS =
      StreamSpec.of(
          ProgressResponse.class,
          ProgressResponse::isSuccess,
          StreamSpec.LastChunk::new,
          "status: success");

  private static final Pattern BLOB_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /**
   * {@code GET /api/tags}: the models installed on the server.
   *
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public List<ModelSummary> list() {
    return transport.execute(ApiCall.get("list", "/api/tags"), ModelList.class).models();
  }

  /**
   * {@code POST /api/show}: a model's Modelfile, template, parameters, details, capabilities and
   * metadata, without the large tokenizer arrays.
   *
   * @throws ModelNotFoundException when the model is not installed
   * @throws IllegalArgumentException when the model is blank
   */
  public ShowResponse show(String model) {
    return show(model, false);
  }

  /**
   * {@code POST /api/show}: like {@link #show(String)}; {@code verbose} also fills the large fields
   * of {@link ShowResponse#modelInfo()} (tokenizer vocabulary, merges), often megabytes.
   *
   * @throws ModelNotFoundException when the model is not installed
   * @throws IllegalArgumentException when the model is blank
   */
  public ShowResponse show(String model, boolean verbose) {
    return show(ShowRequest.builder(model).verbose(verbose).build());
  }

  /**
   * {@code POST /api/show} with every setting of the request: {@code verbose}, and a {@code system}
   * prompt or {@code options} to see the model's Modelfile with; see {@link ShowRequest}.
   *
   * @throws ModelNotFoundException when the model is not installed
   */
  public ShowResponse show(ShowRequest request) {
    Objects.requireNonNull(request, "request");
    return transport.execute(
        ApiCall.post("show", "/api/show", Payload.unstreamed(request, false), request.model()),
        ShowResponse.class);
  }

  /**
   * {@code GET /api/ps}: the models loaded in memory now, with their memory use and when they will
   * be unloaded.
   *
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public List<RunningModel> ps() {
    List<RunningModel> models =
        transport.execute(ApiCall.get("ps", "/api/ps"), RunningModelList.class).models();
    // The context lengths the prompt truncation check compares with, at no extra call.
    truncations.ifPresent(watch -> watch.learn(models));
    return models;
  }

  /**
   * {@code GET /api/experimental/model-recommendations}: the models Ollama suggests, cloud and
   * local, in its order. The server answers from the list it keeps from ollama.com, or from the one
   * built into it when it could not fetch one (no network, cloud turned off), so the call needs no
   * sign-in. The route is experimental in Ollama and may change.
   *
   * @throws OllamaHttpException with status 404 from servers older than the route
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public List<ModelRecommendation> experimentalModelRecommendations() {
    return transport
        .execute(
            ApiCall.get(
                "experimentalModelRecommendations", "/api/experimental/model-recommendations"),
            RecommendationList.class)
        .recommendations();
  }

  /** The body of {@code GET /api/experimental/model-recommendations}. */
  private record RecommendationList(List<ModelRecommendation> recommendations) {
    @JsonCreator
    static RecommendationList fromJson(
        @JsonProperty("recommendations") List<ModelRecommendation> recommendations) {
      return new RecommendationList(Json.list(recommendations));
    }
  }

  /**
   * {@code POST /api/pull}: downloads a model, streaming its progress. A pull that was cut off
   * resumes where it stopped. Close the stream; closing it early aborts the download. To just wait
   * for the end, call {@code pull(request).aggregate()}, which answers with the {@code success}
   * line.
   *
   * <pre>{@code
   * try (ResponseStream<ProgressResponse> progress = client.pull(PullRequest.builder("llama3.2").build())) {
   *   progress.forEach(p -> System.out.println(p.status() + " " + p.fraction().orElse(0)));
   * }
   * }</pre>
   *
   * @throws OllamaHttpException when the server refuses the request (it throws here, not while
   *     iterating)
   */
  public ResponseStream<ProgressResponse> pull(PullRequest request) {
    return transport.stream(pullCall(request), PROGRESS);
  }

  /**
   * Makes sure {@code model} is on the server, pulling it only when it is missing ({@code POST
   * /api/show}, then {@code POST /api/pull} if that answers 404), the way a service checks for its
   * model at start-up. Each progress line of a pull goes to {@code onProgress}, in order, on the
   * calling thread.
   *
   * <pre>{@code
   * client.ensureModel("llama3.2", p -> p.fraction().ifPresent(f -> bar.update(f)));
   * }</pre>
   *
   * @return true when the model was pulled, false when it was there already
   * @throws OllamaStreamException when the pull fails half-way (Ollama's {@code {"error": ...}}
   *     line), with the progress lines delivered before it counted
   * @throws OllamaException when the server cannot be reached or refuses the pull
   * @throws IllegalArgumentException when the model is blank
   */
  public boolean ensureModel(String model, Consumer<? super ProgressResponse> onProgress) {
    Objects.requireNonNull(onProgress, "onProgress");
    try {
      show(model);
      return false;
    } catch (ModelNotFoundException missing) {
      try (ResponseStream<ProgressResponse> progress = pull(PullRequest.builder(model).build())) {
        for (ProgressResponse line : progress) {
          onProgress.accept(line);
        }
      }
      return true;
    }
  }

  /**
   * {@code POST /api/pull} without blocking: each progress line goes to {@code onProgress} on an
   * OkHttp thread, in order, and the future completes with the {@code success} line. Cancelling the
   * future aborts the download (a later pull resumes it).
   *
   * <pre>{@code
   * client.pullAsync(PullRequest.builder("llama3.2").build(), p -> progressBar.update(p.fraction()))
   *     .thenRun(() -> System.out.println("ready"));
   * }</pre>
   */
  public CompletableFuture<ProgressResponse> pullAsync(
      PullRequest request, Consumer<? super ProgressResponse> onProgress) {
    Objects.requireNonNull(onProgress, "onProgress");
    return transport.streamAsync(pullCall(request), PROGRESS, onProgress);
  }

  /**
   * {@code POST /api/pull}, its progress as a {@link Flow.Publisher}, ending with the {@code
   * success} line: read and signalled as {@link #chatFlow} does. Each subscription pulls anew;
   * {@code cancel()} aborts the download. With Reactor:
   *
   * <pre>{@code
   * JdkFlowAdapter.flowPublisherToFlux(client.pullFlow(PullRequest.builder("llama3.2").build()))
   *     .subscribe(p -> progressBar.update(p.fraction()));
   * }</pre>
   */
  public Flow.Publisher<ProgressResponse> pullFlow(PullRequest request) {
    return transport.publisher(pullCall(request), PROGRESS);
  }

  private static ApiCall pullCall(PullRequest request) {
    Objects.requireNonNull(request, "request");
    return ApiCall.post(
        "pull", "/api/pull", Payload.request(request, true, false), request.model());
  }

  /**
   * {@code POST /api/pull} of {@code model} with default settings; see {@link #pull(PullRequest)}.
   * {@code client.pull("llama3.2").aggregate()} waits until it is done.
   *
   * @throws IllegalArgumentException when the model is blank
   */
  public ResponseStream<ProgressResponse> pull(String model) {
    return pull(PullRequest.builder(model).build());
  }

  /**
   * {@code POST /api/push}: uploads a model ({@code namespace/model:tag}) to its registry,
   * streaming the progress. Close the stream; {@code push(request).aggregate()} waits for the end.
   * Pushing to ollama.com needs your ollama.com key added to your account.
   *
   * @throws OllamaHttpException when the server refuses the request
   */
  public ResponseStream<ProgressResponse> push(PushRequest request) {
    return transport.stream(pushCall(request), PROGRESS);
  }

  /**
   * {@code POST /api/push} without blocking: each progress line goes to {@code onProgress} on an
   * OkHttp thread, and the future completes with the {@code success} line. Cancelling the future
   * aborts the upload.
   */
  public CompletableFuture<ProgressResponse> pushAsync(
      PushRequest request, Consumer<? super ProgressResponse> onProgress) {
    Objects.requireNonNull(onProgress, "onProgress");
    return transport.streamAsync(pushCall(request), PROGRESS, onProgress);
  }

  private static ApiCall pushCall(PushRequest request) {
    Objects.requireNonNull(request, "request");
    return ApiCall.post(
        "push", "/api/push", Payload.request(request, true, false), request.model());
  }

  /**
   * {@code POST /api/push} of {@code model} ({@code namespace/model:tag}) with default settings;
   * see {@link #push(PushRequest)}.
   *
   * @throws IllegalArgumentException when the model is blank or has no namespace
   */
  public ResponseStream<ProgressResponse> push(String model) {
    return push(PushRequest.builder(model).build());
  }

  /**
   * {@code POST /api/create}: creates a model, streaming the progress. Files, adapters and draft
   * files given as local paths are first uploaded with {@link #createBlob(Path)} (before this
   * method returns; blobs the server already has are skipped), then sent as their digests. Close
   * the stream; {@code create(request).aggregate()} waits for the end.
   *
   * @throws ModelNotFoundException when the {@code from} model is not installed
   * @throws java.io.UncheckedIOException when a local file cannot be read
   */
  public ResponseStream<ProgressResponse> create(CreateRequest request) {
    return transport.stream(createCall(request), PROGRESS);
  }

  /**
   * {@code POST /api/create} without blocking on the server's work: each progress line goes to
   * {@code onProgress} on an OkHttp thread, in order, and the future completes with the {@code
   * success} line. Files given as local paths are uploaded first, before this method returns, as
   * for {@link #create(CreateRequest)}. Cancelling the future aborts the call.
   *
   * <pre>{@code
   * client.createAsync(CreateRequest.builder("mario").from("llama3.2").system("You are Mario.")
   *         .build(), p -> System.out.println(p.status()))
   *     .thenRun(() -> System.out.println("created"));
   * }</pre>
   *
   * @throws java.io.UncheckedIOException when a local file cannot be read
   */
  public CompletableFuture<ProgressResponse> createAsync(
      CreateRequest request, Consumer<? super ProgressResponse> onProgress) {
    Objects.requireNonNull(onProgress, "onProgress");
    return transport.streamAsync(createCall(request), PROGRESS, onProgress);
  }

  /** The create call, its local files uploaded first and named by their digests. */
  private ApiCall createCall(CreateRequest request) {
    Objects.requireNonNull(request, "request");
    CreateRequest resolved = request;
    if (!request.filePaths().isEmpty()
        || !request.adapterPaths().isEmpty()
        || !request.draftFilePaths().isEmpty()) {
      CreateRequest.Builder uploaded = request.toBuilder();
      request.filePaths().forEach((name, path) -> uploaded.file(name, createBlob(path)));
      request.adapterPaths().forEach((name, path) -> uploaded.adapter(name, createBlob(path)));
      request.draftFilePaths().forEach((name, path) -> uploaded.draftFile(name, createBlob(path)));
      resolved = uploaded.build();
    }
    return ApiCall.post(
        "create",
        "/api/create",
        Payload.request(resolved, true, false),
        resolved.from().orElse(null));
  }

  /**
   * Uploads a local file as a blob for {@link #create(CreateRequest)}, unless the server already
   * has it: computes its SHA-256 while reading it, asks {@code HEAD /api/blobs/<digest>}, and only
   * when that is missing streams the file with {@code POST /api/blobs/<digest>}. The file is never
   * held in memory whole.
   *
   * @return the blob's digest, {@code sha256:<64 hex>}, to use in {@link
   *     CreateRequest.Builder#file(String, String)}
   * @throws OllamaHttpException when the server rejects the upload (400: the digest did not match
   *     the bytes received, say because the file changed while uploading)
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public String createBlob(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("file must be a readable regular file, was " + file);
    }
    String digest = FileUpload.sha256Digest(file);
    if (!blobExists(digest)) {
      transport.executeDiscarding(
          ApiCall.post(
              "createBlob", "/api/blobs/" + digest, Payload.raw(FileUpload.body(file)), null));
    }
    return digest;
  }

  /**
   * {@code HEAD /api/blobs/<digest>}: whether the server has the blob.
   *
   * @param digest {@code sha256:} followed by 64 lowercase hex digits
   * @throws IllegalArgumentException when the digest is malformed
   * @throws OllamaHttpException when the server answers with neither 200 nor 404
   */
  public boolean blobExists(String digest) {
    Objects.requireNonNull(digest, "digest");
    if (!BLOB_DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          "digest must be \"sha256:\" followed by 64 lowercase hex digits, was \"" + digest + "\"");
    }
    String path = "/api/blobs/" + digest;
    int status = transport.probe(ApiCall.head("blobExists", path)).status();
    if (status == 200) {
      return true;
    }
    if (status == 404) {
      return false;
    }
    throw new OllamaHttpException(status, "HEAD", path, "", "");
  }

  /**
   * {@code POST /api/copy}: copies a model to a new name (no bytes are duplicated), for example to
   * {@code namespace/model:tag} before a push.
   *
   * @throws ModelNotFoundException naming {@code source} when it is not installed
   * @throws IllegalArgumentException when a name is blank
   */
  public void copy(String source, String destination) {
    ObjectNode body =
        Json.object()
            .put("source", Checks.requireText(source, "source"))
            .put("destination", Checks.requireText(destination, "destination"));
    transport.executeDiscarding(ApiCall.post("copy", "/api/copy", Payload.json(body), source));
  }

  /**
   * {@code DELETE /api/delete}: removes a model and the layers no other model uses.
   *
   * @throws ModelNotFoundException when the model is not installed
   * @throws IllegalArgumentException when the model is blank
   */
  public void delete(String model) {
    ObjectNode body = Json.object().put("model", Checks.requireText(model, "model"));
    transport.executeDiscarding(ApiCall.delete("delete", "/api/delete", Payload.json(body), model));
  }

  /**
   * Loads a model into memory ({@code POST /api/generate} with only the model), so the first real
   * request does not wait for it; the server keeps it for its default keep-alive (5 minutes).
   * Returns when the model is loaded, which can take minutes for a large one.
   *
   * @throws ModelNotFoundException when the model is not installed
   */
  public void load(String model) {
    loadOrUnload("load", model, null);
  }

  /**
   * Loads a model into memory and keeps it there for {@code keepAlive} ({@link KeepAlive#FOREVER}
   * for good).
   *
   * @throws ModelNotFoundException when the model is not installed
   */
  public void load(String model, KeepAlive keepAlive) {
    loadOrUnload("load", model, Objects.requireNonNull(keepAlive, "keepAlive"));
  }

  /**
   * Unloads a model from memory now ({@code POST /api/generate} with {@code keep_alive: 0}),
   * freeing its RAM and VRAM.
   *
   * @throws ModelNotFoundException when the model is not installed
   */
  public void unload(String model) {
    loadOrUnload("unload", model, KeepAlive.UNLOAD);
  }

  private void loadOrUnload(String operation, String model, KeepAlive keepAlive) {
    ObjectNode body = Json.object().put("model", Checks.requireText(model, "model"));
    if (keepAlive != null) {
      body.set("keep_alive", Json.toTree(keepAlive));
    }
    ApiCall call =
        ApiCall.post(
            operation, "/api/generate", Payload.request(body, false, keepAlive == null), model);
    JsonNode answer = transport.execute(call, JsonNode.class);
    if (!answer.path("done").asBoolean(false)) {
      throw new OllamaProtocolException(
          call.describe()
              + " to "
              + (keepAlive == KeepAlive.UNLOAD ? "unload " : "load ")
              + model
              + " answered without done: true: "
              + answer);
    }
  }

  /** The body of {@code GET /api/tags}. */
  private record ModelList(List<ModelSummary> models) {
    @JsonCreator
    static ModelList fromJson(@JsonProperty("models") List<ModelSummary> models) {
      return new ModelList(Json.list(models));
    }
  }

  /** The body of {@code GET /api/ps}. */
  private record RunningModelList(List<RunningModel> models) {
    @JsonCreator
    static RunningModelList fromJson(@JsonProperty("models") List<RunningModel> models) {
      return new RunningModelList(Json.list(models));
    }
  }

  // ---- web search ------------------------------------------------------------------------

  /**
   * {@code POST /api/web_search} on ollama.com (the builder's {@code cloudBaseUrl}): searches the
   * web, answering with the server's default number of results (5). Needs an API key.
   *
   * @throws OllamaException before sending when no API key is configured
   * @throws IllegalArgumentException when the query is blank
   */
  public WebSearchResponse webSearch(String query) {
    return webSearch(query, null);
  }

  /**
   * {@code POST /api/web_search} on ollama.com: searches the web for at most {@code maxResults}
   * results (1 to 10). Needs an API key.
   *
   * @throws OllamaException before sending when no API key is configured
   * @throws IllegalArgumentException when the query is blank or maxResults is out of range
   */
  public WebSearchResponse webSearch(String query, int maxResults) {
    return webSearch(query, Integer.valueOf(checkMaxResults(maxResults)));
  }

  private WebSearchResponse webSearch(String query, Integer maxResults) {
    ObjectNode body = webSearchBody(query, maxResults);
    return cloud("web search")
        .execute(
            ApiCall.post("webSearch", "/api/web_search", Payload.json(body), null),
            WebSearchResponse.class);
  }

  private static int checkMaxResults(int maxResults) {
    if (maxResults < 1 || maxResults > 10) {
      throw new IllegalArgumentException("maxResults must be from 1 to 10, was " + maxResults);
    }
    return maxResults;
  }

  private static ObjectNode webSearchBody(String query, Integer maxResults) {
    ObjectNode body = Json.object().put("query", Checks.requireText(query, "query"));
    if (maxResults != null) {
      body.put("max_results", maxResults);
    }
    return body;
  }

  /**
   * {@code POST /api/web_fetch} on ollama.com (the builder's {@code cloudBaseUrl}): one web page as
   * text, with its title and links. Needs an API key.
   *
   * @throws OllamaException before sending when no API key is configured
   * @throws IllegalArgumentException when the URL is blank
   */
  public WebFetchResponse webFetch(String url) {
    ObjectNode body = Json.object().put("url", Checks.requireText(url, "url"));
    return cloud("web fetch")
        .execute(
            ApiCall.post("webFetch", "/api/web_fetch", Payload.json(body), null),
            WebFetchResponse.class);
  }

  /**
   * {@code POST /api/experimental/web_search} on the Ollama server: searches the web through the
   * server, which passes the search on to ollama.com signed in as its own account, answering with
   * the default number of results (5).
   *
   * <p>Unlike {@link #webSearch(String)}, which goes to ollama.com directly and needs this client's
   * API key, this needs no key: it needs the server to be signed in ({@code ollama signin}) and its
   * cloud features on ({@link #status()}). Use it where the application has no key of its own. The
   * route is experimental in Ollama and may change.
   *
   * @throws OllamaSigninRequiredException when the server is not signed in to ollama.com
   * @throws IllegalArgumentException when the query is blank
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public WebSearchResponse experimentalWebSearch(String query) {
    return experimentalWebSearch(query, null);
  }

  /**
   * {@code POST /api/experimental/web_search} on the Ollama server, for at most {@code maxResults}
   * results (1 to 10); see {@link #experimentalWebSearch(String)}.
   *
   * @throws OllamaSigninRequiredException when the server is not signed in to ollama.com
   * @throws IllegalArgumentException when the query is blank or maxResults is out of range
   */
  public WebSearchResponse experimentalWebSearch(String query, int maxResults) {
    return experimentalWebSearch(query, Integer.valueOf(checkMaxResults(maxResults)));
  }

  private WebSearchResponse experimentalWebSearch(String query, Integer maxResults) {
    return transport.execute(
        ApiCall.post(
            "experimentalWebSearch",
            "/api/experimental/web_search",
            Payload.json(webSearchBody(query, maxResults)),
            null),
        WebSearchResponse.class);
  }

  /**
   * {@code POST /api/experimental/web_fetch} on the Ollama server: one web page as text, with its
   * title and links, fetched through the server, which signs in to ollama.com as its own account.
   * Unlike {@link #webFetch(String)}, which goes to ollama.com directly with this client's API key,
   * this needs no key but a signed-in server. The route is experimental in Ollama and may change.
   *
   * @throws OllamaSigninRequiredException when the server is not signed in to ollama.com
   * @throws IllegalArgumentException when the URL is blank
   * @throws OllamaException when the server cannot be reached or answers with an error
   */
  public WebFetchResponse experimentalWebFetch(String url) {
    ObjectNode body = Json.object().put("url", Checks.requireText(url, "url"));
    return transport.execute(
        ApiCall.post(
            "experimentalWebFetch", "/api/experimental/web_fetch", Payload.json(body), null),
        WebFetchResponse.class);
  }

  /** The cloud transport, once it is known to carry credentials ollama.com will accept. */
  private Transport cloud(String what) {
    if (!cloudTransport.hasHeader("Authorization")) {
      Optional<String> withheld = cloudTransport.unauthorizedHint();
      if (withheld.isPresent()) {
        throw new OllamaException(what + " needs the API key. " + withheld.get());
      }
      throw new OllamaException(
          what
              + " runs on "
              + cloudTransport.baseUrlText()
              + " and needs an API key: set OLLAMA_API_KEY or call"
              + " OllamaClient.builder().apiKey(...) (create a key at https://ollama.com/settings/keys)");
    }
    return cloudTransport;
  }

  /**
   * Releases the connection pool and threads this client created, once the last client derived from
   * it with {@link #newBuilder()} is closed too. Leaves a supplied {@link OkHttpClient} alone.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      resources.release();
    }
  }

  /** The transport, for the endpoint families in this package's siblings. */
  Transport transport() {
    return transport;
  }

  /**
   * Builds an {@link OllamaClient}. Defaults:
   *
   * <table>
   *   <caption>Defaults</caption>
   *   <tr><th>setting</th><th>default</th></tr>
   *   <tr><td>base URL</td><td>{@code OLLAMA_HOST}, else {@code http://127.0.0.1:11434}</td></tr>
   *   <tr><td>API key</td><td>{@code OLLAMA_API_KEY}, else none</td></tr>
   *   <tr><td>cloud base URL (web search and fetch)</td><td>{@code https://ollama.com}</td></tr>
   *   <tr><td>connect timeout</td><td>10 s</td></tr>
   *   <tr><td>read timeout (between bytes)</td><td>10 min: a large model can take minutes to
   *       load before the first byte</td></tr>
   *   <tr><td>write timeout</td><td>10 min</td></tr>
   *   <tr><td>call timeout (whole call)</td><td>none, so long generations and streams are never
   *       cut off</td></tr>
   *   <tr><td>first-chunk timeout (streams)</td><td>none: the read timeout bounds a silent model
   *       load</td></tr>
   *   <tr><td>retries</td><td>{@link RetryPolicy#defaults()}: up to 3 attempts within 30 s, only
   *       when the request cannot have reached the model (connect failures, HTTP 503 and
   *       429)</td></tr>
   * </table>
   */
  public static final class Builder {
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofMinutes(10);
    private static final String DEFAULT_CLOUD_BASE_URL = "https://ollama.com";
    private static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

    private final Function<String, String> environment;
    private String baseUrl;
    private String cloudBaseUrl = DEFAULT_CLOUD_BASE_URL;
    private String apiKey;
    private final Set<String> apiKeyOverHttpHosts = new LinkedHashSet<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration callTimeout = Duration.ZERO;
    private Duration firstChunkTimeout = Duration.ZERO;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private OkHttpClient httpClient;
    private String userAgentSuffix;
    private OllamaListener listener = OllamaListener.NONE;
    private TruncationCheck truncationCheck = TruncationCheck.KNOWN_LENGTHS;
    private KeepAlive defaultKeepAlive;
    private SharedResources shared;

    Builder(Function<String, String> environment) {
      this.environment = environment;
    }

    private Builder(Builder from) {
      this.environment = from.environment;
      this.baseUrl = from.baseUrl;
      this.cloudBaseUrl = from.cloudBaseUrl;
      this.apiKey = from.apiKey;
      this.apiKeyOverHttpHosts.addAll(from.apiKeyOverHttpHosts);
      this.headers.putAll(from.headers);
      this.connectTimeout = from.connectTimeout;
      this.readTimeout = from.readTimeout;
      this.writeTimeout = from.writeTimeout;
      this.callTimeout = from.callTimeout;
      this.firstChunkTimeout = from.firstChunkTimeout;
      this.maxResponseBytes = from.maxResponseBytes;
      this.retryPolicy = from.retryPolicy;
      this.httpClient = from.httpClient;
      this.userAgentSuffix = from.userAgentSuffix;
      this.listener = from.listener;
      this.truncationCheck = from.truncationCheck;
      this.defaultKeepAlive = from.defaultKeepAlive;
    }

    /**
     * The server, written as {@code OLLAMA_HOST} is: {@code http://host:port}, {@code host}, {@code
     * host:port}, {@code :port}, {@code [::1]:11434}, {@code https://example.com/ollama}. Without a
     * scheme, {@code http} and port 11434; a path is kept.
     *
     * @throws IllegalArgumentException naming the value when it cannot be a server address, and
     *     when it carries credentials ({@code user:password@}), which the message does not repeat:
     *     send them in a header instead ({@link #header})
     */
    public Builder baseUrl(String baseUrl) {
      HostResolver.resolve(Objects.requireNonNull(baseUrl, "baseUrl"));
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * The ollama.com API that web search and fetch go to, instead of the local server. Default
     * {@code https://ollama.com}; point it elsewhere for a proxy or a test server.
     *
     * @throws IllegalArgumentException when the value is not an http or https URL, or carries
     *     credentials ({@code user:password@}), which the message does not repeat
     */
    public Builder cloudBaseUrl(String cloudBaseUrl) {
      Objects.requireNonNull(cloudBaseUrl, "cloudBaseUrl");
      if (HttpUrl.parse(cloudBaseUrl) == null || cloudBaseUrl.indexOf('@') >= 0) {
        throw new IllegalArgumentException(
            "cloudBaseUrl must be an http or https URL without credentials (user:password@), was"
                + " \""
                + HostResolver.redacted(cloudBaseUrl)
                + "\"");
      }
      this.cloudBaseUrl = cloudBaseUrl;
      return this;
    }

    /**
     * A bearer token sent as {@code Authorization: Bearer <key>}: to ollama.com for web search and
     * fetch, and to the Ollama server (or a proxy that needs one) unless an explicit {@code
     * Authorization} header is set for it. Default: {@code OLLAMA_API_KEY}.
     *
     * <p>The key never crosses the network in clear: it goes over https, or over plain http only to
     * this machine (localhost, 127.0.0.0/8, ::1) or to a host allowed by {@link
     * #allowApiKeyOverHttp}. Elsewhere it is left out (logged once at INFO when the client is
     * built), and an HTTP 401 from that server says why and how to allow it.
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Lets the API key go over plain http to {@code host}, which is not this machine: a server on a
     * network you trust, such as a compose service or a host behind your firewall. Anyone on the
     * network between could read the key from such a request, so each host is allowed by name; an
     * https server needs nothing. May be called for several hosts.
     *
     * @param host the host as written in the base URL, such as {@code ollama} or {@code 10.0.0.5}
     * @throws IllegalArgumentException when {@code host} is blank
     */
    public Builder allowApiKeyOverHttp(String host) {
      String name = Checks.requireText(host, "host").strip().toLowerCase(Locale.ROOT);
      apiKeyOverHttpHosts.add(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
      return this;
    }

    /**
     * A header sent with every request to the Ollama server (not to ollama.com: web search and
     * fetch carry only the API key); replaces an earlier value of the same name.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "value of header " + name);
      Headers.of(name, value); // validates the characters now, not on the first call
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /** Headers sent with every request to the Ollama server, added to those already set. */
    public Builder headers(Map<String, String> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** How long to wait for a connection; zero for no limit. Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for the next bytes of an answer; zero for no limit. Default 10 min, since a
     * model load sends nothing until it is done.
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout(timeout, "readTimeout");
      return this;
    }

    /** How long one write of a request body may take; zero for no limit. Default 10 min. */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout(timeout, "writeTimeout");
      return this;
    }

    /**
     * A limit on each whole call, streams included, from sending to the last byte; zero (the
     * default) for none, so that long generations finish.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = checkTimeout(timeout, "callTimeout");
      return this;
    }

    /**
     * A limit on how long a stream (chat, generate, pull, push, create) may take to deliver its
     * first line, from sending the request; zero (the default) for none. Loading a large model can
     * take minutes before the first token, so set it well above your slowest load. After the first
     * line only the read timeout (between bytes) and the call timeout apply. Each attempt of a
     * retried call gets the full limit. An expired limit ends the stream with an {@link
     * OllamaTimeoutException} naming the first chunk; it is never retried.
     */
    public Builder firstChunkTimeout(Duration timeout) {
      this.firstChunkTimeout = checkTimeout(timeout, "firstChunkTimeout");
      return this;
    }

    /**
     * The most bytes one answer may hold: a whole answer read at once (embed, list, show, a chat
     * answered in one document) or one line of a stream (a chat chunk, a pull progress line). A
     * stream as a whole is not limited, since its lines are read one at a time. Default 64 MiB,
     * room for an embedding batch of some 1,000 inputs of 4,096 dimensions. Anything longer is a
     * broken or hostile server: the call ends with an {@link OllamaProtocolException} naming this
     * limit, before the excess is read into memory. The client never asks for a compressed answer,
     * so the limit counts the bytes that crossed the network.
     *
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * When to try a failed call again. Default {@link RetryPolicy#defaults()}: up to 3 attempts
     * within 30 s, with exponential backoff and jitter or the server's {@code Retry-After}, only
     * for failures where the request cannot have reached the model (the connection could not be
     * made, HTTP 503 or 429); a stream is never retried once it delivered a chunk. {@link
     * RetryPolicy#none()} turns retries off.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * The OkHttp client to send with, for proxies, TLS or interceptors. The timeouts set on this
     * builder still apply (on a derived client sharing its pool); {@link OllamaClient#close()}
     * leaves the supplied client alone.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      this.shared = null;
      return this;
    }

    /** Text appended to the User-Agent, such as {@code my-app/1.2}. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = Objects.requireNonNull(suffix, "userAgentSuffix");
      return this;
    }

    /**
     * Hears of every finished call (operation, model, duration, outcome, token statistics), for
     * metrics and tracing. Default: none.
     */
    public Builder listener(OllamaListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How the client watches for chat and generate prompts that filled the context window, which
     * Ollama cuts without saying so: a detected truncation goes to {@link
     * OllamaListener#onPromptTruncated} and is logged at WARN once per model. Default: {@link
     * TruncationCheck#KNOWN_LENGTHS}, which never adds a call; {@link TruncationCheck#LOOKUP} asks
     * {@code /api/ps} for a model's context length when the client knows none.
     */
    public Builder truncationCheck(TruncationCheck check) {
      this.truncationCheck = Objects.requireNonNull(check, "truncationCheck");
      return this;
    }

    /**
     * The {@code keep_alive} sent with chat, generate and embed requests that set none. Default:
     * none, so the server's default (5 minutes) applies.
     */
    public Builder defaultKeepAlive(KeepAlive keepAlive) {
      this.defaultKeepAlive = Objects.requireNonNull(keepAlive, "defaultKeepAlive");
      return this;
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + timeout);
      }
      return timeout;
    }

    /** Builds the client. */
    public OllamaClient build() {
      String host = baseUrl != null ? baseUrl : environment.apply("OLLAMA_HOST");
      HttpUrl url = HostResolver.resolve(host);

      SharedResources resources;
      if (shared != null) {
        resources = shared.acquire();
      } else if (httpClient != null) {
        resources = SharedResources.borrowed(httpClient);
      } else {
        resources = SharedResources.owned(newDefaultHttpClient());
      }
      OkHttpClient http =
          Transport.derive(resources.http())
              .connectTimeout(connectTimeout)
              .readTimeout(readTimeout)
              .writeTimeout(writeTimeout)
              .callTimeout(callTimeout)
              .build();
      boolean explicitAuthorization =
          headers.keySet().stream()
              .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals("authorization"));
      HttpUrl cloudUrl = HttpUrl.get(cloudBaseUrl);
      String serverWithheld = explicitAuthorization ? null : keyWithheldFrom(url);
      String cloudWithheld = keyWithheldFrom(cloudUrl);
      if (serverWithheld != null) {
        LOG.info("{}", serverWithheld);
      }
      OllamaListener observed = PromptTruncations.watch(listener, truncationCheck);
      return new OllamaClient(
          new Transport(
              http,
              url,
              serverHeaders(explicitAuthorization || serverWithheld != null),
              observed,
              defaultKeepAlive,
              retryPolicy,
              firstChunkTimeout,
              serverWithheld,
              maxResponseBytes),
          new Transport(
              http,
              cloudUrl,
              cloudHeaders(cloudWithheld != null),
              observed,
              null,
              retryPolicy,
              firstChunkTimeout,
              cloudWithheld,
              maxResponseBytes),
          resources,
          new Builder(this),
          observed);
    }

    /**
     * Why the API key must not go to {@code url}: it would cross the network in clear (plain http
     * to a host that is neither this machine nor allowed by name); null when it may, or when there
     * is no key.
     */
    private String keyWithheldFrom(HttpUrl url) {
      if (bearerKey().isEmpty()
          || url.isHttps()
          || HostResolver.isLoopback(url.host())
          || apiKeyOverHttpHosts.contains(url.host())) {
        return null;
      }
      String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
      return "The API key was not sent to "
          + url.scheme()
          + "://"
          + host
          + ":"
          + url.port()
          + ": over plain http to another machine it would cross the network in clear. Use"
          + " https, or allow this host by name: OllamaClient.builder().allowApiKeyOverHttp(\""
          + url.host()
          + "\") (Spring Boot: ollama.allow-api-key-over-http="
          + url.host()
          + ")";
    }

    /**
     * What every request to the Ollama server carries: the API key as a bearer token unless {@code
     * noKey} (an {@code Authorization} header was set, or the key must not go there), and every
     * header set on this builder.
     */
    private Headers serverHeaders(boolean noKey) {
      Headers.Builder result = ownHeaders();
      if (!noKey) {
        bearerKey().ifPresent(token -> result.set("Authorization", token));
      }
      headers.forEach(result::set);
      return result.build();
    }

    /**
     * What a call to ollama.com carries: the API key (unless {@code noKey}: it must not go there)
     * and the client's own headers, never the headers set for the Ollama server (a reverse proxy's
     * credentials are not ollama.com's).
     */
    private Headers cloudHeaders(boolean noKey) {
      Headers.Builder result = ownHeaders();
      if (!noKey) {
        bearerKey().ifPresent(token -> result.set("Authorization", token));
      }
      return result.build();
    }

    private Headers.Builder ownHeaders() {
      // Set here, Accept-Encoding keeps OkHttp from asking for gzip and inflating what comes:
      // Ollama never compresses, a proxy that does holds back a stream's chunks, and a few
      // megabytes of gzip can inflate to gigabytes.
      return new Headers.Builder()
          .set("Accept", "application/json")
          .set("Accept-Encoding", "identity")
          .set("User-Agent", ClientInfo.userAgent(userAgentSuffix));
    }

    /** {@code Bearer <key>} from {@link #apiKey} or {@code OLLAMA_API_KEY}; empty for none. */
    private Optional<String> bearerKey() {
      String key = apiKey != null ? apiKey : environment.apply("OLLAMA_API_KEY");
      return key == null || key.isBlank() ? Optional.empty() : Optional.of("Bearer " + key.strip());
    }

    private static OkHttpClient newDefaultHttpClient() {
      // OkHttp allows 5 concurrent calls per host by default; an app that streams from one
      // Ollama to many users would queue behind that, so allow as many as the server will take.
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(256);
      dispatcher.setMaxRequestsPerHost(256);
      return new OkHttpClient.Builder()
          .dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
          .build();
    }
  }
}
