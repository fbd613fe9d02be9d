package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar ... --port 0 --script file}. */
class StandaloneJarIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir Path dir;

  @Test
  void runsFromTheStandaloneJarWithAScriptAndAnswers() throws Exception {
    Path jar = Path.of(System.getProperty("standalone.jar"));
    Path script = dir.resolve("script.yaml");
    Files.writeString(script, "models:\n  - name: tiny\n    reply: Hi from the jar\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--script",
                script.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = output.readLine();
      Matcher listening = LISTENING.matcher(first == null ? "" : first);
      assertThat(listening.find()).as("first line printed: %s", first).isTrue();

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(listening.group(1) + "/api/generate"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"tiny\",\"prompt\":\"hello\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      List<JsonNode> lines = Http.lines(response.body());
      StringBuilder text = new StringBuilder();
      lines.forEach(line -> text.append(line.path("response").asText()));
      assertThat(text).hasToString("Hi from the jar");
      assertThat(lines.get(lines.size() - 1).path("done").asBoolean()).isTrue();
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void keepsThePlainJarSmall() throws IOException {
    Path standalone = Path.of(System.getProperty("standalone.jar"));
    Path plain =
        standalone.resolveSibling(
            standalone.getFileName().toString().replace("-standalone.jar", ".jar"));

    assertThat(Files.size(plain)).isLessThan(200_000L);
    assertThat(Files.size(standalone)).isGreaterThan(Files.size(plain));
  }
}
