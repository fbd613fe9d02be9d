package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile's promises are checked by reading it: multi-stage,
 * dependencies resolved at image build time, a non-root runtime that installs nothing at start.
 */
class DockerfileTest {
  private static final List<String> INSTALLERS =
      List.of("apt-get", "apt ", "apk ", "yum ", "dnf ", "pip ", "mvn", "gradle", "curl ", "wget ");

  /** The instructions, continuation lines joined, comments dropped, grouped by stage. */
  private static List<List<String>> stages() throws IOException {
    List<List<String>> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      String instruction = pending.append(trimmed).toString();
      pending.setLength(0);
      if (instruction.toUpperCase(Locale.ROOT).startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(instruction);
    }
    return stages;
  }

  private static List<String> starting(List<String> stage, String keyword) {
    return stage.stream().filter(i -> i.startsWith(keyword + " ")).toList();
  }

  @Test
  void isMultiStageWithAJreRuntime() throws IOException {
    List<List<String>> stages = stages();

    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(stages.get(0).get(0)).startsWith("FROM maven:3.9-eclipse-temurin-17");
    assertThat(stages.get(stages.size() - 1).get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
  }

  @Test
  void resolvesDependenciesAtImageBuildTimeBeforeCopyingSources() throws IOException {
    List<String> build =
        stages().stream().filter(s -> s.get(0).endsWith(" AS build")).findFirst().orElseThrow();

    int goOffline = indexOf(build, "RUN mvn", "dependency:go-offline");
    int sources = build.indexOf("COPY . .");
    int packaging = indexOf(build, "RUN mvn", " package");
    assertThat(goOffline).isNotNegative().isLessThan(sources);
    assertThat(packaging).isGreaterThan(sources);
    assertThat(build.get(packaging)).contains("-pl examples/cors-proxy");
  }

  @Test
  void runsAsANonRootUserAndInstallsNothingAtStart() throws IOException {
    List<String> runtime = stages().get(stages().size() - 1);

    List<String> users = starting(runtime, "USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
    assertThat(user).isNotIn("root", "0");
    assertThat(starting(runtime, "RUN")).isEmpty();
    List<String> startCommands = new ArrayList<>(starting(runtime, "CMD"));
    startCommands.addAll(starting(runtime, "ENTRYPOINT"));
    assertThat(startCommands).isNotEmpty();
    for (String command : startCommands) {
      assertThat(INSTALLERS).noneSatisfy(tool -> assertThat(command).contains(tool));
    }
  }

  @Test
  void pointsAtOllamaByServiceNameAndExposes8080() throws IOException {
    List<String> runtime = stages().get(stages().size() - 1);

    assertThat(runtime).contains("ENV OLLAMA_HOST=http://ollama:11434", "EXPOSE 8080");
  }

  @Test
  void copiesTheJarThePomBuilds() throws IOException {
    List<String> runtime = stages().get(stages().size() - 1);

    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>cors-proxy</finalName>");
    assertThat(starting(runtime, "COPY"))
        .anySatisfy(
            copy ->
                assertThat(copy)
                    .contains("--from=build")
                    .contains("/src/examples/cors-proxy/target/cors-proxy.jar"));
  }

  private static int indexOf(List<String> instructions, String prefix, String part) {
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith(prefix) && instructions.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }
}
