package io.github.ollamaclient.examples.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.FakeOllama;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs a recipe with the exact command the READMEs give ({@code ./mvnw ... exec:java}), as a user
 * does, and checks that Maven ends soon after the answer: exec:java used to wait 15 s for OkHttp's
 * idle threads after {@code main} returned.
 */
class RecipeExecJavaTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create();

  @BeforeAll
  static void script() {
    RecipesTest.script(ollama);
  }

  @Test
  void mavenEndsWithinSecondsOfTheAnswer() throws IOException, InterruptedException {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    ProcessBuilder maven =
        new ProcessBuilder(
                new File(RecipeMainTest.repositoryRoot(), windows ? "mvnw.cmd" : "mvnw").getPath(),
                "-q",
                "-B",
                "-pl",
                "examples/recipes",
                "-am",
                "compile",
                "exec:java",
                "-Drecipe=Chat")
            .directory(RecipeMainTest.repositoryRoot())
            .redirectErrorStream(true);
    maven.environment().put("OLLAMA_HOST", ollama.baseUrl());
    maven.environment().remove("OLLAMA_MODEL");
    Process process = maven.start();
    process.getOutputStream().close();

    StringBuilder output = new StringBuilder();
    long answeredAt = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.contains("Sunlight scatters off the air")) {
          answeredAt = System.nanoTime();
        }
      }
    }
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output.toString()).isTrue();
    long endedAt = System.nanoTime();

    assertThat(process.exitValue()).as(output.toString()).isZero();
    assertThat(answeredAt).as("the answer in Maven's output:%n%s", output).isPositive();
    assertThat(TimeUnit.NANOSECONDS.toMillis(endedAt - answeredAt))
        .as("milliseconds from the answer to Maven's exit")
        .isLessThan(5_000);
  }
}
