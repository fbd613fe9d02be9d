package io.github.ollamaclient.examples.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.FakeOllama;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs each recipe's {@code main} in its own JVM, from the repository root, with only {@code
 * OLLAMA_HOST} pointing at the fake: the defaults (model names, the picture's path) and {@code
 * OllamaClient.fromEnv()} are what a user gets.
 */
class RecipeMainTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create();

  @BeforeAll
  static void script() {
    RecipesTest.script(ollama);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Chat             | 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0 | Sunlight scatters off the air",
        "Streaming        | 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0 | tokens/s)",
        "StructuredOutput | 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0 | Capital:    Ottawa",
        "Tools            | qwen3:8b                              | Paris has light rain",
        "Embeddings       | all-minilm                            | A kitten chased a ball of yarn.",
        "Pull             | all-minilm                            | success",
        "Thinking         | qwen3:8b                              | There are three r's.",
        "Images           | llava                                 | shapes.png: A red circle",
      })
  void mainRunsAgainstOllamaHost(String recipe, String model, String expected)
      throws IOException, InterruptedException {
    ProcessBuilder java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RecipesTest.class.getPackageName() + "." + recipe)
            .directory(repositoryRoot())
            .redirectErrorStream(true);
    java.environment().put("OLLAMA_HOST", ollama.baseUrl());
    java.environment().remove("OLLAMA_MODEL");
    Process process = java.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains(expected).doesNotContain("SLF4J");
    assertThat(ollama.lastRequest().model()).isEqualTo(model);
  }

  /** The module sits at examples/recipes; the recipes' default paths are from the root. */
  static File repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent().getParent().toFile();
  }
}
