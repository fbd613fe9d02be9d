package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy as Spring AOT left it (the {@code process-aot} goal of this module's build), started
 * from its jar with {@code -Dspring.aot.enabled=true}: the bean definitions come from the generated
 * code, as in a native image, and a question goes through it to the testkit's fake Ollama. Without
 * the generated code that start fails, so a passing run is the generated code's.
 */
class AotStartIT {
  private static final Pattern PORT = Pattern.compile("started on port(?:\\(s\\))?:? (\\d+)");
  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private static final Path JAR = Path.of(System.getProperty("app.jar", "target/cors-proxy.jar"));
  private static final Path AOT_HINTS =
      Path.of(
          "target/classes/META-INF/native-image/io.github.ollamaclient/cors-proxy/"
              + "reachability-metadata.json");

  @RegisterExtension
  static final FakeOllama ollama = FakeOllama.create().withModel(ProxyController.DEFAULT_MODEL);

  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private Process app;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(20, TimeUnit.SECONDS)) {
        app.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void theJarCarriesTheGeneratedCode() throws IOException {
    assertThat(JAR).as("the repackaged jar; run through mvn verify").isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(
              jar.getEntry(
                  "BOOT-INF/classes/io/github/ollamaclient/examples/proxy/"
                      + "CorsProxyApplication__ApplicationContextInitializer.class"))
          .as("the AOT initializer in the jar")
          .isNotNull();
    }
  }

  /**
   * The starter's own hints reach the application's native-image metadata: Spring Boot registers
   * the properties members one by one, the starter's registrar by category, so the category is the
   * starter's.
   */
  @Test
  void theGeneratedMetadataCarriesTheStartersHints() throws IOException {
    JsonNode metadata = Wire.MAPPER.readTree(Files.readString(AOT_HINTS));

    JsonNode retry = entry(metadata, "io.github.ollamaclient.spring.OllamaClientProperties$Retry");
    JsonNode analyzer =
        entry(metadata, "io.github.ollamaclient.spring.InvalidOllamaPropertyFailureAnalyzer");

    assertThat(retry.path("allDeclaredConstructors").asBoolean()).isTrue();
    assertThat(retry.path("allPublicMethods").asBoolean()).isTrue();
    assertThat(analyzer.path("allDeclaredConstructors").asBoolean()).isTrue();
  }

  @Test
  void startsFromTheGeneratedCodeAndAnswersAQuestion() throws Exception {
    ollama.model(ProxyController.DEFAULT_MODEL).reply(Reply.text("Rayleigh scattering."));
    int port = start();

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask-llm"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"prompt\": \"Why is the sky blue?\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(output)
        .anyMatch(line -> line.contains("Starting AOT-processed CorsProxyApplication"));
    assertThat(response.statusCode()).as("answer: %s", response.body()).isEqualTo(200);
    JsonNode answer = Wire.MAPPER.readTree(response.body());
    assertThat(answer.path("answer").asText()).isEqualTo("Rayleigh scattering.");
    assertThat(answer.path("model").asText()).isEqualTo(ProxyController.DEFAULT_MODEL);
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/chat");
    assertThat(ollama.lastRequest().lastUserMessage()).isEqualTo("Why is the sky blue?");
  }

  /** Starts the jar in AOT mode on a free port; the port, once Tomcat says it listens. */
  private int start() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    app =
        new ProcessBuilder(
                java.toString(),
                "-Dspring.aot.enabled=true",
                "-jar",
                JAR.toString(),
                "--server.port=0",
                "--ollama.base-url=" + ollama.baseUrl())
            .redirectErrorStream(true)
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                }
              } catch (IOException e) {
                output.add("(output ended: " + e + ")");
              }
            },
            "aot-app-output");
    reader.setDaemon(true);
    reader.start();

    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        for (String line : output) {
          Matcher port = PORT.matcher(line);
          if (port.find()) {
            return Integer.parseInt(port.group(1));
          }
        }
      }
      if (!app.isAlive()) {
        reader.join(5_000);
        fail("the app stopped with %d:%n%s", app.exitValue(), String.join("\n", output));
      }
      Thread.sleep(100);
    }
    return fail("the app did not start within %s:%n%s", START_LIMIT, String.join("\n", output));
  }

  private static JsonNode entry(JsonNode metadata, String type) {
    for (JsonNode entry : metadata.path("reflection")) {
      if (entry.path("type").asText().equals(type)) {
        return entry;
      }
    }
    return fail("no reflection entry for %s in %s", type, AOT_HINTS);
  }
}
