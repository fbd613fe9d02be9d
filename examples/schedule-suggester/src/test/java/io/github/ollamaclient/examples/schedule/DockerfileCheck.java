package io.github.ollamaclient.examples.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile, enough to check its stages, user and where it installs. */
record DockerfileCheck(List<List<Instruction>> stages) {
  private static final Pattern BUILD_TOOLS =
      Pattern.compile("(?<![\\w.-])(mvn|mvnw|gradle|gradlew|npm|pip3?|apt-get|apk)(?![\\w.-])");

  record Instruction(String keyword, String arguments) {}

  static DockerfileCheck of(String text) {
    List<List<Instruction>> stages = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (logical.length() == 0 && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (stripped.endsWith("\\")) {
        logical.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      logical.append(stripped);
      String instruction = logical.toString().strip();
      logical.setLength(0);
      int space = instruction.indexOf(' ');
      String keyword =
          (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : instruction.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (stages.isEmpty()) {
        continue; // ARG before the first FROM
      }
      stages.get(stages.size() - 1).add(new Instruction(keyword, arguments));
    }
    return new DockerfileCheck(stages);
  }

  void assertMultiStageNonRootBuildTimeInstall(String name) {
    assertThat(stages).as("%s stages (FROM lines)", name).hasSizeGreaterThanOrEqualTo(2);
    List<Instruction> last = stages.get(stages.size() - 1);
    List<String> users =
        last.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
    assertThat(users).as("%s USER in the final stage", name).isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).as("%s final USER", name).isNotIn("root", "0");
    for (Instruction instruction : last) {
      if (List.of("RUN", "CMD", "ENTRYPOINT").contains(instruction.keyword())) {
        assertThat(BUILD_TOOLS.matcher(instruction.arguments()).find())
            .as(
                "%s final stage must not build or install: %s %s",
                name, instruction.keyword(), instruction.arguments())
            .isFalse();
      }
    }
    boolean buildsEarlier =
        stages.subList(0, stages.size() - 1).stream()
            .flatMap(List::stream)
            .anyMatch(i -> i.keyword().equals("RUN") && BUILD_TOOLS.matcher(i.arguments()).find());
    assertThat(buildsEarlier).as("%s resolves and builds in an earlier stage", name).isTrue();
  }
}
