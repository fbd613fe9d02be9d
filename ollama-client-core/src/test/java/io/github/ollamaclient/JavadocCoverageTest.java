package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is the product: every public type carries Javadoc and every package a {@code
 * package-info.java}. Javadoc's own lint (bad references, broken HTML) runs in the compiler.
 */
class JavadocCoverageTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*"
              + "(?:class|interface|record|enum|@interface)\\s+(\\w+)");

  @Test
  void everyPublicTypeHasJavadoc() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          var matcher = PUBLIC_TYPE.matcher(lines.get(i));
          if (matcher.find() && !documented(lines, i)) {
            missing.add(SOURCES.relativize(file) + ": " + matcher.group(1));
          }
        }
      }
    }
    assertThat(missing).as("public types without Javadoc").isEmpty();
  }

  @Test
  void everyPackageHasPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        boolean hasSources;
        try (Stream<Path> children = Files.list(dir)) {
          hasSources =
              children.anyMatch(
                  f ->
                      f.toString().endsWith(".java")
                          && !f.getFileName().toString().equals("module-info.java"));
        }
        if (hasSources && !Files.exists(dir.resolve("package-info.java"))) {
          missing.add(SOURCES.relativize(dir).toString());
        }
      }
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }

  /** Whether the declaration at {@code index}, above its annotations, ends a Javadoc comment. */
  private static boolean documented(List<String> lines, int index) {
    int i = index - 1;
    while (i >= 0) {
      String line = lines.get(i).strip();
      if (line.endsWith("*/")) {
        return javadocStart(lines, i);
      }
      if (!line.startsWith("@")
          && (line.endsWith(";") || line.endsWith("}") || line.endsWith("{"))) {
        return false; // the end of the code before: no comment in between
      }
      i--; // an annotation, or a line of one spread over several
    }
    return false;
  }

  private static boolean javadocStart(List<String> lines, int end) {
    for (int i = end; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (line.startsWith("/**")) {
        return true;
      }
      if (line.startsWith("/*")) {
        return false;
      }
    }
    return false;
  }
}
