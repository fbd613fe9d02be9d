package io.github.ollamaclient.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, read from the compiled classes with the JDK's own {@code
 * jdeps}: no two packages name each other, even through others; the API packages never reach into
 * {@code internal}, which sits above them, and use only the two leaves below them ({@code json},
 * {@code check}), which use nothing of the client's but the errors.
 */
class PackageCycleTest {
  private static final String BASE = "io.github.ollamaclient";
  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s+(io\\.github\\.ollamaclient[\\w.]*)\\s+->\\s+(io\\.github\\.ollamaclient[\\w.]*)\\s");

  /** Package to the project packages its classes use. */
  private static Map<String, Set<String>> uses;

  @BeforeAll
  static void readDependencies() {
    Path classes = ModulePath.coreClasses();
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new AssertionError("jdeps not found: run the tests on a JDK"));
    StringWriter out = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "--module-path",
            ModulePath.join(ModulePath.requiredJars()),
            "--multi-release",
            "17",
            "-verbose:package",
            "-filter:none",
            classes.toString());
    assertThat(status).as("jdeps said: %s", out).isZero();
    uses = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      Matcher edge = EDGE.matcher(line);
      if (edge.find()) {
        uses.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
      }
    }
    assertThat(uses).as("jdeps said: %s", out).containsKeys(BASE, BASE + ".internal.wire");
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    assertThat(new Components().tangles()).as("packages that name each other").isEmpty();
  }

  @Test
  void apiPackagesNeverUseInternal() {
    Map<String, Set<String>> wrong = new TreeMap<>();
    uses.forEach(
        (from, targets) -> {
          if (from.equals(BASE) || from.startsWith(BASE + ".internal")) {
            return; // the client layer is meant to use the transport
          }
          for (String to : targets) {
            if (to.startsWith(BASE + ".internal")) {
              wrong.computeIfAbsent(from, p -> new TreeSet<>()).add(to);
            }
          }
        });
    assertThat(wrong).as("API packages using internal").isEmpty();
  }

  @Test
  void theLeavesUseNoApiPackageButTheErrors() {
    for (String leaf : List.of(BASE + ".json", BASE + ".check")) {
      assertThat(uses.getOrDefault(leaf, Set.of()))
          .as("what %s uses", leaf)
          .allMatch(to -> to.equals(leaf) || to.equals(BASE + ".error"));
    }
  }

  /**
   * Tarjan's strongly connected components of the package graph: a component of more than one
   * package is a set of packages that all reach each other.
   */
  private static final class Components {
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> tangles = new ArrayList<>();

    List<Set<String>> tangles() {
      for (String p : uses.keySet()) {
        if (!index.containsKey(p)) {
          visit(p);
        }
      }
      return tangles;
    }

    private void visit(String p) {
      index.put(p, index.size());
      low.put(p, index.get(p));
      stack.push(p);
      onStack.add(p);
      for (String to : uses.getOrDefault(p, Set.of())) {
        if (!index.containsKey(to)) {
          visit(to);
          low.put(p, Math.min(low.get(p), low.get(to)));
        } else if (onStack.contains(to)) {
          low.put(p, Math.min(low.get(p), index.get(to)));
        }
      }
      if (low.get(p).equals(index.get(p))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(p));
        if (component.size() > 1) {
          tangles.add(component);
        }
      }
    }
  }
}
