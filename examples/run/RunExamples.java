// The example page, the CORS proxy and the schedule suggester, without Docker, in one command
// from the repository root (a JDK 17+ is all it needs):
//
//   java examples/run/RunExamples.java
//
// Against your Ollama when one answers on OLLAMA_HOST (else 127.0.0.1:11434); otherwise against
// the testkit's fake Ollama, scripted in examples/run/fake-ollama.yaml. The terminal and the page
// say which. Builds the jars first when they are not there. Ctrl-C stops everything.
// `--help` lists the options. RunExamplesTest (examples/run) starts it as above in ./mvnw verify.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs the examples without Docker: see the comment above. */
public class RunExamples {
  static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";
  static final String FAKE_SCRIPT = "examples/run/fake-ollama.yaml";
  static final String USAGE =
      "usage: java examples/run/RunExamples.java [--web-port 3000] [--proxy-port 8080]\n"
          + "           [--suggester-port 8081] [--fake]\n"
          + "Runs the example page, the CORS proxy and the schedule suggester against the\n"
          + "Ollama on OLLAMA_HOST (else 127.0.0.1:11434) or, when none answers there (or\n"
          + "with --fake), against the testkit's fake Ollama with scripted answers.\n"
          + "OLLAMA_MODEL picks the model (default "
          + DEFAULT_MODEL
          + ").\n"
          + "Run it from the repository root; Ctrl-C stops everything.";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<Process> children = new ArrayList<>();
  private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int webPort = 3000;
    int proxyPort = 8080;
    int suggesterPort = 8081;
    boolean forceFake = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        case "--fake" -> forceFake = true;
        case "--web-port" -> webPort = port(args, ++i);
        case "--proxy-port" -> proxyPort = port(args, ++i);
        case "--suggester-port" -> suggesterPort = port(args, ++i);
        default -> fail("unknown argument " + args[i] + "\n" + USAGE);
      }
    }
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("examples/web")) || !Files.exists(root.resolve("mvnw"))) {
      fail("run it from the repository root: java examples/run/RunExamples.java");
    }
    checkFree(webPort, "--web-port");
    checkFree(proxyPort, "--proxy-port");
    checkFree(suggesterPort, "--suggester-port");

    Path proxyJar = root.resolve("examples/cors-proxy/target/cors-proxy.jar");
    Path suggesterJar = root.resolve("examples/schedule-suggester/target/schedule-suggester.jar");
    if (!Files.exists(proxyJar) || !Files.exists(suggesterJar) || fakeJar(root).isEmpty()) {
      build(root);
    }
    // The services run from copies: a jar rebuilt under a running Spring Boot app breaks it.
    Path work = Files.createTempDirectory("run-examples");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(work), "run-examples-stop"));

    String ollamaUrl = ollamaUrl(System.getenv("OLLAMA_HOST"));
    String model =
        Optional.ofNullable(System.getenv("OLLAMA_MODEL"))
            .filter(m -> !m.isBlank())
            .orElse(DEFAULT_MODEL);
    Optional<String> version = forceFake ? Optional.empty() : ollamaVersion(ollamaUrl);
    String backendUrl;
    String pageNote;
    if (version.isPresent()) {
      backendUrl = ollamaUrl;
      say(
          "Ollama "
              + version.get()
              + " answers at "
              + ollamaUrl
              + ": the answers come from its model "
              + model
              + ".");
      if (!hasModel(ollamaUrl, model)) {
        say(
            "WARNING: "
                + model
                + " is not on that server: the page will say the model is missing."
                + " Pull it (ollama pull "
                + model
                + "), or pick one you have: OLLAMA_MODEL=<model>"
                + " java examples/run/RunExamples.java");
      }
      pageNote =
          "Answers come from your Ollama "
              + version.get()
              + " at "
              + ollamaUrl
              + ", model "
              + model
              + ".";
    } else {
      String why =
          forceFake ? "--fake given" : "no Ollama answers at " + ollamaUrl + " (OLLAMA_HOST)";
      say(
          why
              + ": starting the testkit's FAKE Ollama instead. Its answers are scripted ("
              + FAKE_SCRIPT
              + "), not a model's.");
      model = DEFAULT_MODEL;
      backendUrl = startFake(root, copy(fakeJar(root).orElseThrow(), work), work);
      pageNote =
          "No Ollama here: the testkit's fake Ollama gives scripted answers, not a model's ("
              + FAKE_SCRIPT
              + "). Start Ollama and run java examples/run/RunExamples.java again for real ones.";
      say("fake Ollama     " + backendUrl + "   log: " + work.resolve("fake-ollama.log"));
    }

    String origins = "http://localhost:" + webPort + ",http://127.0.0.1:" + webPort;
    Map<String, String> env = Map.of("OLLAMA_HOST", backendUrl, "OLLAMA_MODEL", model);
    startService("cors-proxy", copy(proxyJar, work), proxyPort, origins, env, work);
    startService("schedule-suggester", copy(suggesterJar, work), suggesterPort, origins, env, work);
    awaitAnswering("cors-proxy", proxyPort, work);
    awaitAnswering("schedule-suggester", suggesterPort, work);
    say(
        "cors-proxy      http://localhost:"
            + proxyPort
            + "   log: "
            + work.resolve("cors-proxy.log"));
    say(
        "suggester       http://localhost:"
            + suggesterPort
            + "   log: "
            + work.resolve("schedule-suggester.log"));

    String config =
        "// Written by examples/run/RunExamples.java for this run.\nwindow.APP_CONFIG = {"
            + "proxyUrl: "
            + js("http://localhost:" + proxyPort)
            + ", "
            + "scheduleUrl: "
            + js("http://localhost:" + suggesterPort)
            + ", "
            + "ollama: {fake: "
            + version.isEmpty()
            + ", note: "
            + js(pageNote)
            + "}};\n";
    HttpServer page = servePage(root.resolve("examples/web"), webPort, config);
    say("");
    say(
        "Open http://localhost:"
            + webPort
            + "   (answers from "
            + (version.isPresent() ? "your Ollama at " + backendUrl : "the FAKE Ollama: scripted")
            + ")   Ctrl-C stops everything.");

    // Runs until Ctrl-C; a service that dies ends the run, with the end of its log.
    Process stopped =
        (Process)
            CompletableFuture.anyOf(
                    children.stream().map(Process::onExit).toArray(CompletableFuture[]::new))
                .join();
    page.stop(0);
    Path log = LOGS.get(stopped);
    fail("a service stopped (" + log.getFileName() + "), its log ending:\n" + tail(log));
  }

  // ---- Ollama: where, and whether it answers ----

  /** OLLAMA_HOST as the client reads it: host, host:port, :port, or a URL; default port 11434. */
  static String ollamaUrl(String host) {
    String text = host == null || host.isBlank() ? "127.0.0.1:11434" : host.trim();
    boolean schemed = text.contains("://");
    URI uri =
        URI.create(schemed ? text : "http://" + (text.startsWith(":") ? "127.0.0.1" + text : text));
    String name =
        uri.getHost() == null || uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
    int port =
        uri.getPort() != -1
            ? uri.getPort()
            : !schemed ? 11434 : uri.getScheme().equals("https") ? 443 : 80;
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return uri.getScheme() + "://" + name + ":" + port + path;
  }

  static Optional<String> ollamaVersion(String url) {
    try {
      HttpResponse<String> answer = get(url + "/api/version");
      Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"").matcher(answer.body());
      return answer.statusCode() == 200 && version.find()
          ? Optional.of(version.group(1))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean hasModel(String url, String model) {
    try {
      String tags = get(url + "/api/tags").body();
      String name = model.contains(":") ? model : model + ":latest";
      return tags.contains("\"" + name + "\"") || tags.contains("\"" + model + "\"");
    } catch (IOException e) {
      return false;
    }
  }

  static HttpResponse<String> get(String url) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // ---- the processes ----

  static Optional<Path> fakeJar(Path root) throws IOException {
    Path target = root.resolve("ollama-client-testkit/target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-standalone.jar")).findFirst();
    }
  }

  static void build(Path root) throws IOException, InterruptedException {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> command =
        List.of(
            root.resolve(windows ? "mvnw.cmd" : "mvnw").toString(),
            "-q",
            "-pl",
            "ollama-client-testkit,examples/cors-proxy,examples/schedule-suggester",
            "-am",
            "package",
            "-DskipTests");
    say("building the jars once (a few minutes the first time): " + String.join(" ", command));
    int status = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
    if (status != 0) {
      fail("the build failed (above)");
    }
  }

  static Path copy(Path jar, Path work) throws IOException {
    return Files.copy(jar, work.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }

  static String startFake(Path root, Path jar, Path work) throws IOException, InterruptedException {
    Path log = work.resolve("fake-ollama.log");
    Process fake =
        start(
            List.of(
                java(),
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--script",
                root.resolve(FAKE_SCRIPT).toString()),
            Map.of(),
            log);
    Pattern listening = Pattern.compile("FakeOllama listening on (\\S+)");
    for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        System.nanoTime() < deadline; ) {
      Matcher found = listening.matcher(Files.readString(log));
      if (found.find()) {
        return found.group(1);
      }
      if (!fake.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    fail("the fake Ollama did not start:\n" + tail(log));
    return null;
  }

  static void startService(
      String name, Path jar, int port, String origins, Map<String, String> env, Path work)
      throws IOException {
    start(
        List.of(
            java(),
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--app.cors.allowed-origins=" + origins),
        env,
        work.resolve(name + ".log"));
  }

  static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    synchronized (children) {
      children.add(process);
      LOGS.put(process, log);
    }
    return process;
  }

  static java.io.File nullFile() {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    return new java.io.File(windows ? "NUL" : "/dev/null");
  }

  static void awaitAnswering(String name, int port, Path work) throws InterruptedException {
    Path log = work.resolve(name + ".log");
    for (long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        System.nanoTime() < deadline; ) {
      try {
        get("http://127.0.0.1:" + port + "/");
        return; // any answer, 404 included: the service is up
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
      if (!children.stream().allMatch(Process::isAlive)) {
        break; // a service died starting: its log says why
      }
    }
    fail(name + " did not start on port " + port + ":\n" + tail(log));
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void stopAll(Path work) {
    List<Process> running;
    synchronized (children) {
      running = new ArrayList<>(children);
    }
    running.forEach(Process::destroy);
    for (Process process : running) {
      try {
        if (!process
            .onExit()
            .completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS)
            .join()
            .isAlive()) {
          continue;
        }
      } catch (RuntimeException ignored) {
        // fall through to the forcible end
      }
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  // ---- the page ----

  static HttpServer servePage(Path web, int port, String config) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.js")) {
              send(
                  exchange,
                  200,
                  "text/javascript; charset=utf-8",
                  config.getBytes(StandardCharsets.UTF_8));
              return;
            }
            Path file =
                web.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(web)
                || !Files.isRegularFile(file)
                || file.endsWith("nginx.conf")
                || file.endsWith("README.md")) {
              send(
                  exchange,
                  404,
                  "text/plain; charset=utf-8",
                  "not found".getBytes(StandardCharsets.UTF_8));
              return;
            }
            send(exchange, 200, contentType(file), Files.readAllBytes(file));
          }
        });
    server.start();
    return server;
  }

  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".html")) return "text/html; charset=utf-8";
    if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (name.endsWith(".css")) return "text/css; charset=utf-8";
    if (name.endsWith(".png")) return "image/png";
    return "application/octet-stream";
  }

  static String js(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---- the terminal ----

  static int port(String[] args, int index) {
    if (index >= args.length) {
      fail(args[index - 1] + " needs a port\n" + USAGE);
    }
    try {
      return Integer.parseInt(args[index]);
    } catch (NumberFormatException e) {
      fail(args[index - 1] + " needs a port number, was " + args[index]);
      return -1;
    }
  }

  static void checkFree(int port, String option) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // free
    } catch (IOException e) {
      fail(
          "port "
              + port
              + " is taken (docker compose's apps use it too: docker compose down),"
              + " or pick another with "
              + option);
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void say(String line) {
    System.out.println(line.isEmpty() ? "" : "run-examples: " + line);
  }

  static void fail(String message) {
    System.err.println("run-examples: " + message);
    System.exit(1);
  }
}
