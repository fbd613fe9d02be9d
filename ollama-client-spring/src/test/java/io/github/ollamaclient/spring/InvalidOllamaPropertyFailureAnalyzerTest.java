package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InvalidOllamaPropertyFailureAnalyzerTest {
  private final ApplicationContextRunner contextRunner =
      new ApplicationContextRunner().withConfiguration(OllamaAutoConfigurations.all());

  @Test
  void failsToStartNamingTheBaseUrlWhenItIsNotAUrl() {
    contextRunner
        .withPropertyValues("ollama.base-url=not a url")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("ollama.base-url")
                  .contains("\"not a url\"");
              assertThat(analysis.getAction())
                  .contains("ollama.base-url")
                  .contains("http://localhost:11434");
            });
  }

  @Test
  void failsToStartNamingTheBaseUrlWhenItsSchemeIsNotHttp() {
    contextRunner
        .withPropertyValues("ollama.base-url=ftp://gpu-box")
        .run(
            context ->
                assertThat(analyze(context.getStartupFailure()).getDescription())
                    .contains("ollama.base-url")
                    .contains("scheme"));
  }

  @Test
  void failsToStartWithoutEchoingAPasswordInTheBaseUrl() {
    contextRunner
        .withPropertyValues("ollama.base-url=http://admin:hunter2-pw@gpu-box:11434")
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("ollama.base-url")
                  .contains("credentials")
                  .doesNotContain("hunter2-pw");
              for (Throwable e = context.getStartupFailure(); e != null; e = e.getCause()) {
                assertThat(String.valueOf(e.getMessage())).doesNotContain("hunter2-pw");
              }
            });
  }

  @Test
  void failsToStartNamingATimeoutThatIsNegative() {
    contextRunner
        .withPropertyValues("ollama.read-timeout=-5s")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("ollama.read-timeout")
                  .contains("negative");
              assertThat(analysis.getAction()).contains("ollama.read-timeout");
            });
  }

  @ParameterizedTest
  @CsvSource({
    "ollama.first-chunk-timeout, -1s, negative",
    "ollama.retry.max-attempts, 0, at least 1",
    "ollama.retry.initial-backoff, -1s, negative",
    "ollama.retry.max-backoff, -1s, negative",
    "ollama.retry.max-elapsed, -500ms, negative",
    "ollama.retry.statuses, 404, 404",
    "ollama.retry.statuses, 200, 200",
  })
  void failsToStartNamingTheFirstChunkOrRetryPropertyThatIsInvalid(
      String property, String value, String reason) {
    contextRunner
        .withPropertyValues(property + "=" + value)
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription()).contains(property).contains(reason);
              assertThat(analysis.getAction()).contains(property);
            });
  }

  @Test
  void failsToStartNamingTheMaxBackoffWhenItIsShorterThanTheInitialBackoff() {
    contextRunner
        .withPropertyValues("ollama.retry.initial-backoff=2s", "ollama.retry.max-backoff=1s")
        .run(
            context -> {
              FailureAnalysis analysis = analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("ollama.retry.max-backoff")
                  .contains("shorter than initialBackoff");
              assertThat(analysis.getAction()).contains("ollama.retry.initial-backoff");
            });
  }

  @Test
  void failsToStartNamingTheHealthTimeoutWhenItIsZero() {
    contextRunner
        .withPropertyValues("ollama.health.timeout=0s")
        .run(
            context ->
                assertThat(analyze(context.getStartupFailure()).getDescription())
                    .contains("ollama.health.timeout"));
  }

  @Test
  void isRegisteredAsAFailureAnalyzerInSpringFactories() throws IOException {
    List<String> analyzers = new ArrayList<>();
    for (URL url :
        Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
      Properties factories = new Properties();
      try (InputStream in = url.openStream()) {
        factories.load(in);
      }
      String names = factories.getProperty(FailureAnalyzer.class.getName(), "");
      for (String name : names.split(",")) {
        analyzers.add(name.strip());
      }
    }
    assertThat(analyzers).contains(InvalidOllamaPropertyFailureAnalyzer.class.getName());
  }

  private static FailureAnalysis analyze(Throwable failure) {
    assertThat(failure).as("start-up failure").isNotNull();
    FailureAnalysis analysis = new InvalidOllamaPropertyFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysis of %s", failure).isNotNull();
    return analysis;
  }
}
