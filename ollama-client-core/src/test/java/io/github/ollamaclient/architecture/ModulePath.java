package io.github.ollamaclient.architecture;

import io.github.ollamaclient.OllamaClient;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The core module's compiled classes and the jars of the modules it requires, picked from the test
 * class path: what a modular application puts on its module path.
 */
final class ModulePath {
  /** okhttp, okio, the Kotlin library, Jackson 2 and slf4j's API; not the test libraries. */
  private static final Pattern REQUIRED =
      Pattern.compile(
          ".*[/\\\\](okhttp-jvm|okio-jvm|kotlin-stdlib|annotations|jackson-databind|jackson-core"
              + "|jackson-annotations|slf4j-api)-[^/\\\\]*\\.jar$");

  private ModulePath() {}

  /** The core module's classes directory. */
  static Path coreClasses() {
    try {
      return Path.of(
          OllamaClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jars of the modules core requires, directly or not. */
  static List<String> requiredJars() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      // Jackson 3 (tools.jackson) is on the test class path too, for the schema validator.
      if (REQUIRED.matcher(entry).matches()
          && !entry.contains("tools" + File.separator + "jackson")) {
        jars.add(entry);
      }
    }
    if (jars.stream().noneMatch(j -> j.contains("okhttp-jvm"))
        || jars.stream().noneMatch(j -> j.contains("jackson-databind"))) {
      throw new IllegalStateException(
          "okhttp or jackson-databind not found on the class path: " + jars);
    }
    return jars;
  }

  /** {@code entries} joined for {@code --module-path}. */
  static String join(List<String> entries) {
    return String.join(File.pathSeparator, entries);
  }

  /** The core classes and the required jars, for {@code --module-path}. */
  static String withCore(String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(more));
    all.add(coreClasses().toString());
    all.addAll(requiredJars());
    return join(all);
  }
}
