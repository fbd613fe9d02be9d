package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** FakeOllama as a JUnit 5 extension, run through the JUnit engine itself. */
class FakeOllamaExtensionTest {

  @Test
  void sharesAStaticServerAndResetsItsScriptBeforeEachTest() {
    Events tests = run(StaticUsage.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(StaticUsage.ollama.isRunning()).isFalse();
  }

  @Test
  void startsAndStopsAnInstanceServerPerTest() {
    Events tests = run(InstanceUsage.class);

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(InstanceUsage.ports).hasSize(2);
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(testClass))
        .execute()
        .testEvents();
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class StaticUsage {
    @RegisterExtension
    static final FakeOllama ollama =
        FakeOllama.create().withModel("llama3.2", model -> model.reply("scripted"));

    static final FakeModel llama = ollama.model("llama3.2");
    static int port;

    @BeforeAll
    static void addABeforeAllModel() {
      ollama.model("shared-by-all");
    }

    @Test
    @Order(1)
    void firstTestChangesTheScript(FakeOllama injected) {
      assertThat(injected).isSameAs(ollama);
      port = ollama.port();
      llama.reply("changed").family("changed");
      ollama.model("only-in-first-test");
      ollama.removeModel("shared-by-all");
      Http.get(ollama, "/api/tags");
    }

    @Test
    @Order(2)
    void secondTestSeesTheOriginalScript() {
      assertThat(ollama.port()).isEqualTo(port);
      assertThat(ollama.modelNames()).containsExactly("llama3.2:latest", "shared-by-all:latest");
      assertThat(ollama.requests()).isEmpty();
      String body =
          Http.post(
                  ollama,
                  "/api/chat",
                  "{\"model\":\"llama3.2\",\"stream\":false,"
                      + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
              .body();
      assertThat(Http.json(body).path("message").path("content").asText()).isEqualTo("scripted");
      assertThat(ollama.model("llama3.2")).isSameAs(llama);
      assertThat(llama.familyName()).isEqualTo("llama");
    }
  }

  static class InstanceUsage {
    static final java.util.Set<Integer> ports = new java.util.HashSet<>();

    @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel("llama3.2");

    @Test
    void first() {
      ports.add(ollama.port());
      assertThat(Http.get(ollama, "/").body()).isEqualTo("Ollama is running");
    }

    @Test
    void second() {
      ports.add(ollama.port());
      assertThat(ollama.requests()).isEmpty();
    }
  }
}
