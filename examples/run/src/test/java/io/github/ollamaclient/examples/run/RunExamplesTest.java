package io.github.ollamaclient.examples.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Starts {@code java examples/run/RunExamples.java} from the repository root, as the README says,
 * and drives the page's two flows over HTTP as the page does: the streamed answer through the CORS
 * proxy, and the schedule from the suggester, which must be the model's (not the fallback's). Then
 * stops it as Ctrl-C does and checks that nothing it started is left running.
 */
class RunExamplesTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void withoutOllamaTheFakeAnswersBothFlowsAndThePageAndTerminalSaySo() throws Exception {
    int nothingListens = freePort();
    try (Launch run = Launch.start(Map.of("OLLAMA_HOST", "127.0.0.1:" + nothingListens))) {
      assertThat(run.output())
          .contains("no Ollama answers at http://127.0.0.1:" + nothingListens)
          .contains("FAKE Ollama")
          .contains("scripted");
      assertThat(get(run.page("/"))).contains("id=\"ollama-note\"");
      assertThat(get(run.page("/config.js")))
          .contains("proxyUrl: \"http://localhost:" + run.proxyPort + "\"")
          .contains("scheduleUrl: \"http://localhost:" + run.suggesterPort + "\"")
          .contains("fake: true")
          .contains("scripted answers, not a model's");

      assertThat(ask(run, "空はなぜ青いのですか？")).startsWith("空が青いのは").contains("レイリー散乱");

      JsonNode day = suggest(run, "ja");
      assertThat(day.path("source").asText()).as(day.toString()).isEqualTo("model");
      assertThat(day.path("schedule")).hasSize(3);
      assertThat(suggest(run, "en").path("source").asText()).isEqualTo("model");
    }
  }

  @Test
  void aLocalOllamaThatAnswersIsUsedInsteadOfTheFake() throws Exception {
    // Stands in for the user's own Ollama on OLLAMA_HOST.
    try (FakeOllama ollama = FakeOllama.create().withModel("qwen3:8b").withVersion("0.33.0")) {
      ollama.start();
      ollama.model("qwen3:8b").reply(Reply.text("From your own Ollama."));
      Map<String, String> env = Map.of("OLLAMA_HOST", ollama.baseUrl(), "OLLAMA_MODEL", "qwen3:8b");
      try (Launch run = Launch.start(env)) {
        assertThat(run.output())
            .contains("Ollama 0.33.0 answers at " + ollama.baseUrl())
            .doesNotContain("FAKE")
            .doesNotContain("WARNING");
        assertThat(get(run.page("/config.js")))
            .contains("fake: false")
            .contains("your Ollama 0.33.0 at " + ollama.baseUrl());
        assertThat(ask(run, "Hello?")).isEqualTo("From your own Ollama.");
        assertThat(ollama.lastRequest().model()).isEqualTo("qwen3:8b");
      }
    }
  }

  /** The ask flow as app.js runs it: POST /ask-llm, streamed, from the page's origin. */
  static String ask(Launch run, String prompt) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            run,
            "http://localhost:" + run.proxyPort + "/ask-llm",
            JSON.createObjectNode().put("prompt", prompt).put("stream", true));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(run.origin());
    StringBuilder answer = new StringBuilder();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank()) {
        answer.append(JSON.readTree(line).path("answer").asText());
      }
    }
    return answer.toString();
  }

  /**
   * The schedule flow as app.js runs it with the form's defaults (index.html) and its example
   * tasks, read from app.js itself, so that the fake's script follows the page.
   */
  static JsonNode suggest(Launch run, String language) throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode().put("date", LocalDate.now().toString());
    request.putObject("workingHours").put("start", "09:00").put("end", "18:00");
    request.putArray("breaks").addObject().put("start", "12:00").put("end", "13:00");
    ArrayNode tasks = request.putArray("tasks");
    Matcher task =
        Pattern.compile(
                "\\{ title: \"([^\"]+)\", minutes: (\\d+), priority: \"(\\w+)\""
                    + "(?:, deadline: \"([0-9:]+)\")? \\}")
            .matcher(Files.readString(ROOT.resolve("examples/web/app.js")));
    while (task.find()) {
      ObjectNode item =
          tasks
              .addObject()
              .put("title", task.group(1))
              .put("minutes", Integer.parseInt(task.group(2)))
              .put("priority", task.group(3));
      if (task.group(4) != null) {
        item.put("deadline", task.group(4));
      }
    }
    assertThat(tasks).as("the example tasks in app.js").hasSize(3);
    request.put("language", language);
    HttpResponse<String> response =
        post(run, "http://localhost:" + run.suggesterPort + "/api/suggest-schedule", request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> post(Launch run, String url, JsonNode body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Origin", run.origin())
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The launcher as a child process, on free ports, until it prints where to open the page. */
  static final class Launch implements AutoCloseable {
    final int webPort;
    final int proxyPort;
    final int suggesterPort;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch open = new CountDownLatch(1);

    private Launch(int webPort, int proxyPort, int suggesterPort, Process process) {
      this.webPort = webPort;
      this.proxyPort = proxyPort;
      this.suggesterPort = suggesterPort;
      this.process = process;
    }

    static Launch start(Map<String, String> env) throws IOException, InterruptedException {
      int web = freePort();
      int proxy = freePort();
      int suggester = freePort();
      ProcessBuilder java =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "examples/run/RunExamples.java",
                  "--web-port",
                  String.valueOf(web),
                  "--proxy-port",
                  String.valueOf(proxy),
                  "--suggester-port",
                  String.valueOf(suggester))
              .directory(ROOT.toFile())
              .redirectErrorStream(true);
      java.environment().remove("OLLAMA_MODEL");
      java.environment().putAll(env);
      Launch launch = new Launch(web, proxy, suggester, java.start());
      launch.process.getOutputStream().close();
      Thread reader = new Thread(launch::read, "run-examples-output");
      reader.setDaemon(true);
      reader.start();
      if (!launch.open.await(5, TimeUnit.MINUTES)) {
        launch.close();
        throw new AssertionError("no \"Open http://localhost:" + web + "\":\n" + launch.output());
      }
      return launch;
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.append(line).append('\n');
          if (line.contains("Open http://localhost:" + webPort)) {
            open.countDown();
          }
        }
      } catch (IOException e) {
        output.append("(output unreadable: ").append(e).append(")\n");
      }
      open.countDown();
    }

    String output() {
      return output.toString();
    }

    String origin() {
      return "http://localhost:" + webPort;
    }

    String page(String path) {
      return origin() + path;
    }

    /** Stops it as Ctrl-C does, and checks that it took everything it started with it. */
    @Override
    public void close() {
      List<ProcessHandle> started = process.descendants().collect(Collectors.toList());
      process.destroy();
      boolean ended = process.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).join() != null;
      List<ProcessHandle> left = started.stream().filter(ProcessHandle::isAlive).toList();
      for (ProcessHandle child : left) {
        child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
      }
      List<ProcessHandle> stillRunning = left.stream().filter(ProcessHandle::isAlive).toList();
      stillRunning.forEach(ProcessHandle::destroyForcibly);
      if (!ended) {
        process.destroyForcibly();
      }
      assertThat(ended).as("the launcher ended on SIGTERM:%n%s", output()).isTrue();
      assertThat(stillRunning).as("processes left running by the launcher").isEmpty();
      assertThat(started).as("the fake or Ollama, the proxy, the suggester").isNotEmpty();
    }
  }
}
