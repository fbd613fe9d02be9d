package io.github.ollamaclient.examples.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each recipe says how to run it, in its file and in both READMEs, with the same command. */
class RecipeDocsTest {
  static final Path ROOT = RecipeMainTest.repositoryRoot().toPath();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Chat",
        "Streaming",
        "StructuredOutput",
        "Tools",
        "Embeddings",
        "Pull",
        "Thinking",
        "Images"
      })
  void theRunCommandIsInTheFileAndTheReadmes(String recipe) throws IOException {
    String command = "./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=" + recipe;
    String file =
        "examples/recipes/src/main/java/io/github/ollamaclient/examples/recipes/"
            + recipe
            + ".java";

    List<String> source = Files.readAllLines(ROOT.resolve(file));
    assertThat(source).anyMatch(line -> line.contains(command));
    assertThat(source.size()).as("about 40 lines").isLessThanOrEqualTo(70);
    assertThat(Files.readString(ROOT.resolve("examples/recipes/README.md")))
        .contains(command)
        .contains(file.substring("examples/recipes/".length()));
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(command).contains(file);
  }
}
