package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README lists the imports of its snippets once, near the top: they compile, and every type a
 * snippet names is among them (or in {@code java.lang}, or declared by the snippet). The module's
 * exported packages are listed in full, and the quick start asks for the model compose pulls.
 */
class ReadmeImportsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern IMPORTS =
      Pattern.compile("<!-- imports -->\\s*```java\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern JAVA_BLOCK =
      Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);

  private static String readme() throws IOException {
    return Files.readString(README);
  }

  private static List<String> imports() throws IOException {
    Matcher block = IMPORTS.matcher(readme());
    assertThat(block.find()).as("an <!-- imports --> block in the README").isTrue();
    return block
        .group(1)
        .lines()
        .map(line -> line.replaceAll("//.*", "").trim())
        .filter(line -> line.startsWith("import "))
        .map(line -> line.substring("import ".length(), line.length() - 1).trim())
        .collect(Collectors.toList());
  }

  /** The Java snippets from the quick start up to the testkit's section, the Spring one aside. */
  private static List<String> coreSnippets() throws IOException {
    String text = readme();
    int from = text.indexOf("## Quick start");
    int to = text.indexOf("## Testing your code without Ollama");
    assertThat(from).isPositive();
    assertThat(to).isGreaterThan(from);
    List<String> snippets = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(text.substring(from, to));
    while (block.find()) {
      String code = block.group(1);
      if (!code.contains("import ") && !code.contains("@GetMapping")) {
        snippets.add(code);
      }
    }
    return snippets;
  }

  @Test
  void theImportsCompile() throws IOException {
    String source =
        imports().stream().map(name -> "import " + name + ";\n").collect(Collectors.joining())
            + "class ReadmeImports {}\n";
    Path dir = Files.createTempDirectory("readme-imports");
    Path file = Files.writeString(dir.resolve("ReadmeImports.java"), source);
    ToolProvider javac =
        ToolProvider.findFirst("javac")
            .orElseThrow(() -> new AssertionError("javac not found: run the tests on a JDK"));
    // The tests run with core on the module path, its dependencies on either path.
    String path =
        System.getProperty("jdk.module.path", "")
            + File.pathSeparator
            + System.getProperty("java.class.path", "");
    StringWriter diagnostics = new StringWriter();
    PrintWriter out = new PrintWriter(diagnostics, true);
    boolean compiled =
        javac.run(
                out,
                out,
                "-classpath",
                path,
                "-d",
                dir.resolve("classes").toString(),
                file.toString())
            == 0;

    assertThat(compiled).as("%s%n%s", source, diagnostics).isTrue();
  }

  @Test
  void everyTypeASnippetNamesIsImportedOnceAndOnlyOnce() throws IOException {
    List<String> imports = imports();
    List<String> snippets = coreSnippets();
    assertThat(snippets).hasSizeGreaterThan(10);
    Set<String> unresolved = new TreeSet<>();
    Set<String> ambiguous = new TreeSet<>();
    for (String snippet : snippets) {
      String code = snippet.replaceAll("//.*", "").replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
      Set<String> declared = new TreeSet<>();
      Matcher declaration = Pattern.compile("\\b(?:record|class|enum)\\s+(\\w+)").matcher(code);
      while (declaration.find()) {
        declared.add(declaration.group(1));
      }
      // A capitalised name not after a dot (a constant such as Think.ENABLED has no lower case).
      Matcher type = Pattern.compile("(?<![\\w.])([A-Z][a-z]\\w*)").matcher(code);
      while (type.find()) {
        String name = type.group(1);
        if (declared.contains(name) || exists("java.lang." + name)) {
          continue;
        }
        long places = imports.stream().filter(i -> provides(i, name)).count();
        if (places == 0) {
          unresolved.add(name);
        } else if (places > 1) {
          ambiguous.add(name);
        }
      }
    }
    assertThat(unresolved).as("types the README's snippets use but its imports lack").isEmpty();
    assertThat(ambiguous).as("types two of the README's imports provide").isEmpty();
  }

  @Test
  void theModulesExportedPackagesAreListedInFull() throws IOException {
    Matcher listed =
        Pattern.compile("<!-- exports -->(.*?)<!-- /exports -->", Pattern.DOTALL).matcher(readme());
    assertThat(listed.find()).as("an <!-- exports --> list in the README").isTrue();
    Set<String> inReadme = new TreeSet<>();
    Matcher name = Pattern.compile("`(\\.?[\\w.]+)`").matcher(listed.group(1));
    while (name.find()) {
      String text = name.group(1);
      inReadme.add(text.startsWith(".") ? "io.github.ollamaclient" + text : text);
    }
    ModuleDescriptor module;
    try (var in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    Set<String> exported =
        module.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(inReadme).isEqualTo(exported);
  }

  @Test
  void theQuickStartAsksForTheModelComposePulls() throws IOException {
    Matcher compose =
        Pattern.compile("MODEL: \\$\\{OLLAMA_MODEL:-([^}]+)}")
            .matcher(Files.readString(Path.of("..", "docker-compose.yml"), StandardCharsets.UTF_8));
    assertThat(compose.find()).as("the ollama-pull service's default model").isTrue();
    String quickStart = coreSnippets().get(0);

    assertThat(quickStart).contains("ChatRequest.builder(\"" + compose.group(1) + "\")");
  }

  private static boolean provides(String imported, String simpleName) {
    if (imported.endsWith(".*")) {
      return exists(imported.substring(0, imported.length() - 1) + simpleName);
    }
    return imported.endsWith("." + simpleName);
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className, false, ReadmeImportsTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
