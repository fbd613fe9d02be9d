package io.github.ollamaclient.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Ollama server on a loopback port: it speaks the native HTTP API from the wire format up,
 * streams scripted replies token by token as chunked NDJSON, injects faults, and records every
 * request. No Docker, no model.
 *
 * <p>As a JUnit 5 extension (a {@code static} field shares one server across the class and resets
 * its script before each test; an instance field gets a fresh server per test):
 *
 * <pre>{@code
 * @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");
 *
 * @Test void answersWithTheWeather() {
 *   ollama.model("llama3.2")
 *       .reply(PromptMatcher.toolResult(), Reply.text("Sunny, 24 °C."))
 *       .reply(PromptMatcher.contains("weather"), Reply.toolCall("get_weather", Map.of("city", "Paris")));
 *   try (var client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build()) {
 *     assertThat(new WeatherBot(client).ask("Weather in Paris?")).isEqualTo("Sunny, 24 °C.");
 *   }
 *   assertThat(ollama.lastRequest().messages().get(2).path("tool_name").asText())
 *       .isEqualTo("get_weather");
 * }
 * }</pre>
 *
 * <p>Plainly: {@code try (FakeOllama ollama = FakeOllama.create().withModel("llama3.2").start())
 * {...}}; {@link #close()} stops it.
 *
 * <p><b>Why the JDK's {@code com.sun.net.httpserver}</b> rather than mockwebserver3: it needs no
 * dependency at all, so the testkit never changes which OkHttp version the code under test runs
 * with (mockwebserver3 pins its own OkHttp), and the standalone jar stays small. It gives
 * everything the faults need: {@code sendResponseHeaders(status, 0)} is true chunked transfer
 * encoding where every {@code flush()} sends one chunk, so tokens leave one by one with real pauses
 * between them; a handler that sleeps holds the socket silent (stall, slow load); and a handler
 * that fails with an exception makes the server close the socket without the terminating chunk,
 * which is exactly a connection cut mid-stream.
 *
 * <p>Thread-safe: scripts may change while requests are served; a change applies to the next
 * request.
 */
public final class FakeOllama
    implements AutoCloseable,
        BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  /**
   * The version {@code /api/version} reports unless {@link #withVersion(String)} says otherwise.
   */
  public static final String DEFAULT_VERSION = "0.33.0";

  /**
   * The {@code signin_url} a signed-out fake ({@link #signedOut()}) answers with, as Ollama sends
   * the link that connects the server to an ollama.com account.
   */
  public static final String SIGNIN_URL =
      "https://ollama.com/connect?name=fake-ollama&key=ZmFrZS1vbGxhbWEta2V5";

  /** The ollama.com account the fake is signed in as unless told otherwise. */
  private static final Account DEFAULT_ACCOUNT = Account.of("fake-user", "fake-user@example.com");

  private static final Logger log = LoggerFactory.getLogger(FakeOllama.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Object lock = new Object();
  private String host = "127.0.0.1";
  private int requestedPort;
  private String version = DEFAULT_VERSION;
  private Account account = DEFAULT_ACCOUNT;
  private String cloudDisabledBy;
  private Map<String, FakeModel> models = new LinkedHashMap<>();
  private List<FakeModel.Rule> rules = new ArrayList<>();
  private final Deque<Fault> nextFaults = new ArrayDeque<>();
  private final Map<String, byte[]> blobs = new LinkedHashMap<>();
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private Baseline baseline;
  private HttpServer server;
  private ExecutorService executor;
  private boolean classScoped;
  private boolean testScoped;

  record Loaded(FakeModel model, Instant expiresAt, int contextLength) {}

  /** The ollama.com account {@code /api/me} reports; its id is derived from its name. */
  record Account(String id, String name, String email, String plan) {
    static Account of(String name, String email) {
      String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
      return new Account(id, name, email, "free");
    }
  }

  /** The script to return to: the models themselves (references stay valid) and their state. */
  private record Baseline(
      Map<String, FakeModel> models,
      Map<String, FakeModel> states,
      List<FakeModel.Rule> rules,
      String version,
      Account account,
      String cloudDisabledBy) {}

  private FakeOllama() {}

  /** A fake with no models, to bind {@code 127.0.0.1} on a free port when started. */
  public static FakeOllama create() {
    return new FakeOllama();
  }

  /**
   * Binds {@code port} instead of a free one (0 means a free one). Call before {@link #start()}.
   */
  public FakeOllama withPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    synchronized (lock) {
      requireNotStarted();
      this.requestedPort = port;
    }
    return this;
  }

  /** Binds {@code host} instead of {@code 127.0.0.1}. Call before {@link #start()}. */
  public FakeOllama withHost(String host) {
    synchronized (lock) {
      requireNotStarted();
      this.host = Objects.requireNonNull(host, "host");
    }
    return this;
  }

  /** Makes {@code /api/version} report {@code version} (default {@value #DEFAULT_VERSION}). */
  public FakeOllama withVersion(String version) {
    synchronized (lock) {
      this.version = Objects.requireNonNull(version, "version");
    }
    return this;
  }

  /**
   * Signs the fake in to ollama.com as {@code name} ({@code fake-user}, {@code
   * fake-user@example.com} by default): {@code POST /api/me} reports this account, and the web
   * search relay answers.
   */
  public FakeOllama withAccount(String name, String email) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Account signedIn = Account.of(name, Objects.requireNonNull(email, "email"));
    synchronized (lock) {
      this.account = signedIn;
    }
    return this;
  }

  /**
   * Signs the fake out of ollama.com, as a server where nobody ran {@code ollama signin}: {@code
   * POST /api/me} and the web search relay answer 401 {@code {"error": "unauthorized",
   * "signin_url": ...}} with {@link #SIGNIN_URL}. {@link #withAccount} signs it in again.
   */
  public FakeOllama signedOut() {
    synchronized (lock) {
      this.account = null;
    }
    return this;
  }

  /**
   * Turns the fake's cloud features off, as an administrator can: {@code GET /api/status} reports
   * {@code {"cloud": {"disabled": true, "source": source}}} and the web search relay answers 403.
   *
   * @param source what turned it off, as {@code /api/status} should name it, such as {@code env}
   */
  public FakeOllama withCloudDisabled(String source) {
    synchronized (lock) {
      this.cloudDisabledBy = Objects.requireNonNull(source, "source");
    }
    return this;
  }

  /** Installs the model {@code name} with default details. */
  public FakeOllama withModel(String name) {
    model(name);
    return this;
  }

  /** Installs the model {@code name} and lets {@code configure} set its details and replies. */
  public FakeOllama withModel(String name, Consumer<FakeModel> configure) {
    configure.accept(model(name));
    return this;
  }

  /**
   * Loads models, replies and faults from a JSON or YAML script file (format in the module's
   * README). Models named in the script are added to those already installed.
   *
   * @throws UncheckedIOException when the file cannot be read or parsed
   */
  public FakeOllama withScript(Path script) {
    ScriptLoader.load(this, script);
    return this;
  }

  /**
   * The installed model {@code name} ({@code llama3.2} and {@code llama3.2:latest} are the same
   * model), installing it with defaults if missing.
   */
  public FakeModel model(String name) {
    if (!Wire.validName(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException("not a valid model name: '" + name + "'");
    }
    synchronized (lock) {
      return models.computeIfAbsent(Wire.lookupKey(name), key -> new FakeModel(name));
    }
  }

  /** Whether the model {@code name} is installed (pulled, created or copied count too). */
  public boolean hasModel(String name) {
    return findModel(name) != null;
  }

  /** The canonical names of the installed models, in the order they were added. */
  public List<String> modelNames() {
    synchronized (lock) {
      List<String> names = new ArrayList<>();
      models.values().forEach(model -> names.add(model.name()));
      return List.copyOf(names);
    }
  }

  /** Uninstalls the model {@code name}; does nothing when it is missing. */
  public FakeOllama removeModel(String name) {
    synchronized (lock) {
      models.remove(Wire.lookupKey(name));
      loaded.remove(Wire.lookupKey(name));
    }
    return this;
  }

  /**
   * Answers requests to any model that {@code matcher} accepts with {@code reply}, unless a rule of
   * the model itself matches first.
   */
  public FakeOllama reply(PromptMatcher matcher, Reply reply) {
    synchronized (lock) {
      rules.add(
          new FakeModel.Rule(
              Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(reply, "reply")));
    }
    return this;
  }

  /**
   * Injects {@code fault} into the next request, whatever its endpoint; queued faults apply one per
   * request in order.
   */
  public FakeOllama failNext(Fault fault) {
    synchronized (lock) {
      nextFaults.add(Objects.requireNonNull(fault, "fault"));
    }
    return this;
  }

  /** Whether a blob with {@code digest} ({@code sha256:<hex>}) was uploaded. */
  public boolean hasBlob(String digest) {
    synchronized (lock) {
      return blobs.containsKey(digest.replaceFirst("^sha256-", "sha256:"));
    }
  }

  /**
   * Starts serving; the script configured so far becomes what {@link #reset()} returns to.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public FakeOllama start() {
    synchronized (lock) {
      requireNotStarted();
      try {
        server =
            HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(host), requestedPort), 50);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
      }
      executor =
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "fake-ollama-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      server.createContext("/", new OllamaHandler(this));
      server.start();
      baseline = snapshot();
      log.debug("FakeOllama listening on {}", baseUrl());
    }
    return this;
  }

  /** Whether {@link #start()} was called and {@link #close()} not yet. */
  public boolean isRunning() {
    synchronized (lock) {
      return server != null;
    }
  }

  /**
   * The base URL to give a client, such as {@code http://127.0.0.1:54321}.
   *
   * @throws IllegalStateException when not started
   */
  public String baseUrl() {
    synchronized (lock) {
      String literal = host.contains(":") ? "[" + host + "]" : host;
      return "http://" + literal + ":" + port();
    }
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException when not started
   */
  public int port() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("FakeOllama is not started: call start() first");
      }
      return server.getAddress().getPort();
    }
  }

  /** Every request received since the start or the last reset, oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** How many requests were received since the start or the last reset. */
  public int requestCount() {
    synchronized (lock) {
      return requests.size();
    }
  }

  /**
   * The oldest request not yet taken, waiting up to 5 seconds for one to arrive.
   *
   * @throws AssertionError when none arrives in time
   */
  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = untaken.poll(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("FakeOllama received no request within 5 seconds");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  /**
   * The most recent request.
   *
   * @throws AssertionError when none was received
   */
  public RecordedRequest lastRequest() {
    synchronized (lock) {
      if (requests.isEmpty()) {
        throw new AssertionError("FakeOllama has received no request");
      }
      return requests.get(requests.size() - 1);
    }
  }

  /**
   * Returns to the script as it was when the server started (or, for a class-wide extension, when
   * the first test began): models, replies, version, account and cloud setting restored (the same
   * {@link FakeModel} objects, so references to them stay valid); queued faults, blobs, loaded
   * models and recorded requests cleared.
   */
  public void reset() {
    synchronized (lock) {
      if (baseline == null) {
        baseline = snapshot();
      }
      models = new LinkedHashMap<>(baseline.models());
      baseline.models().forEach((key, model) -> model.restoreFrom(baseline.states().get(key)));
      rules = new ArrayList<>(baseline.rules());
      version = baseline.version();
      account = baseline.account();
      cloudDisabledBy = baseline.cloudDisabledBy();
      nextFaults.clear();
      blobs.clear();
      loaded.clear();
      requests.clear();
      untaken.clear();
    }
  }

  /** Stops serving and drops open connections; a no-op when not running. */
  @Override
  public void close() {
    HttpServer stopping;
    ExecutorService threads;
    synchronized (lock) {
      stopping = server;
      threads = executor;
      server = null;
      executor = null;
    }
    if (stopping != null) {
      stopping.stop(0);
      threads.shutdownNow();
      log.debug("FakeOllama stopped");
    }
  }

  /** Starts the server for the whole class when registered in a {@code static} field. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (!isRunning()) {
      start();
      classScoped = true;
      synchronized (lock) {
        baseline = null;
      }
    }
  }

  /** Stops the class-wide server. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (classScoped) {
      close();
      classScoped = false;
    }
  }

  /** Starts a per-test server, or resets the class-wide one to its script. */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (!isRunning()) {
      start();
      testScoped = true;
    } else if (classScoped) {
      // Taken at the first test so that @BeforeAll scripting belongs to every test.
      reset();
    }
  }

  /** Stops the per-test server. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (testScoped) {
      close();
      testScoped = false;
    }
  }

  /** Resolves test method parameters of type {@code FakeOllama} to this fake. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeOllama.class;
  }

  /** Returns this fake. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }

  @Override
  public String toString() {
    return "FakeOllama{"
        + (isRunning() ? baseUrl() : "not started")
        + ", models="
        + modelNames()
        + "}";
  }

  // ---- state used by the handler ----

  String currentVersion() {
    synchronized (lock) {
      return version;
    }
  }

  Account account() {
    synchronized (lock) {
      return account;
    }
  }

  String cloudDisabledBy() {
    synchronized (lock) {
      return cloudDisabledBy;
    }
  }

  FakeModel findModel(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    synchronized (lock) {
      return models.get(Wire.lookupKey(name));
    }
  }

  List<FakeModel> installedModels() {
    synchronized (lock) {
      return List.copyOf(models.values());
    }
  }

  void install(FakeModel model) {
    synchronized (lock) {
      models.put(Wire.lookupKey(model.name()), model);
    }
  }

  RecordedRequest record(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    synchronized (lock) {
      RecordedRequest request =
          new RecordedRequest(requests.size(), method, path, query, headers, body);
      requests.add(request);
      untaken.add(request);
      return request;
    }
  }

  Fault pollNextFault() {
    synchronized (lock) {
      return nextFaults.poll();
    }
  }

  Reply globalReply(RecordedRequest request) {
    synchronized (lock) {
      for (FakeModel.Rule rule : rules) {
        if (rule.matcher().matches(request)) {
          return rule.reply();
        }
      }
      return null;
    }
  }

  /**
   * Marks {@code model} loaded until {@code keepAlive} from now (empty: forever); true if it was.
   */
  boolean markLoaded(FakeModel model, Optional<Duration> keepAlive, int contextLength) {
    synchronized (lock) {
      String key = Wire.lookupKey(model.name());
      boolean wasLoaded = isLoaded(key);
      if (keepAlive.isPresent() && keepAlive.get().isZero()) {
        loaded.remove(key);
      } else {
        Instant expires =
            keepAlive
                .map(d -> Instant.now().plus(d))
                .orElse(Instant.now().plus(Duration.ofDays(106_751)));
        loaded.put(key, new Loaded(model, expires, contextLength));
      }
      return wasLoaded;
    }
  }

  void unload(FakeModel model) {
    synchronized (lock) {
      loaded.remove(Wire.lookupKey(model.name()));
    }
  }

  List<Loaded> loadedModels() {
    synchronized (lock) {
      loaded.values().removeIf(entry -> entry.expiresAt().isBefore(Instant.now()));
      return List.copyOf(loaded.values());
    }
  }

  private boolean isLoaded(String key) {
    Loaded entry = loaded.get(key);
    return entry != null && entry.expiresAt().isAfter(Instant.now());
  }

  boolean storeBlob(String digest, byte[] bytes) {
    synchronized (lock) {
      return blobs.put(digest, bytes) == null;
    }
  }

  Optional<byte[]> blob(String digest) {
    synchronized (lock) {
      return Optional.ofNullable(blobs.get(digest));
    }
  }

  private Baseline snapshot() {
    return new Baseline(
        new LinkedHashMap<>(models),
        copyModels(models),
        List.copyOf(rules),
        version,
        account,
        cloudDisabledBy);
  }

  private static Map<String, FakeModel> copyModels(Map<String, FakeModel> source) {
    Map<String, FakeModel> copy = new LinkedHashMap<>();
    source.forEach((key, model) -> copy.put(key, model.copyAs(model.name())));
    return copy;
  }

  private void requireNotStarted() {
    if (server != null) {
      throw new IllegalStateException("FakeOllama is already started on " + server.getAddress());
    }
  }
}
