package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.retry.RetryPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The README's Troubleshooting section quotes what a newcomer sees; each quote here is held to the
 * message the client really gives in that situation, so neither can change without the other. A
 * quote marks the parts that vary with {@code …}; its fragments must appear in order.
 */
class TroubleshootingTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern QUOTE =
      Pattern.compile("<!-- message: ([a-z-]+) -->\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);

  /** The quotes of the section, by their marker; the page's are checked by the browser test. */
  private static Map<String, String> quotes() throws IOException {
    Map<String, String> quotes = new LinkedHashMap<>();
    Matcher matcher = QUOTE.matcher(Files.readString(README));
    while (matcher.find()) {
      quotes.put(matcher.group(1), matcher.group(2));
    }
    return quotes;
  }

  /** Whether {@code actual} holds the quote's fragments (split at {@code …}) in order. */
  private static void assertQuoted(String actual, String quote) {
    int from = 0;
    for (String fragment : quote.split("…")) {
      int at = actual.indexOf(fragment, from);
      assertThat(at).as("\"%s\" in order in:%n%s", fragment, actual).isGreaterThanOrEqualTo(0);
      from = at + fragment.length();
    }
  }

  private static ChatRequest hi(String model) {
    return ChatRequest.builder(model).message(Message.user("hi")).build();
  }

  /** A loopback port nothing listens on: bound, then closed again. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theSectionQuotesEverySituationThisTestCovers() throws IOException {
    assertThat(quotes())
        .containsOnlyKeys("not-running", "model-not-pulled", "cors-refused", "slow-load", "signin");
  }

  @Test
  void ollamaNotRunning() throws IOException {
    int port = closedPort();
    try (OllamaClient client =
        OllamaClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      OllamaConnectionException e =
          catchThrowableOfType(OllamaConnectionException.class, () -> client.chat(hi("llama3.2")));

      assertQuoted(e.getMessage(), quotes().get("not-running").replace("11434", "" + port));
    }
  }

  @Test
  void modelNotPulled() throws IOException {
    try (MockWebServer server = new MockWebServer();
        OllamaClient client = clientOf(server)) {
      server.enqueue(
          new MockResponse.Builder()
              .code(404)
              // Ollama 0.33's wording (server/routes.go), which the testkit's fake answers too.
              .body("{\"error\":\"model 'llama3.2' not found\"}")
              .build());

      ModelNotFoundException e =
          catchThrowableOfType(ModelNotFoundException.class, () -> client.chat(hi("llama3.2")));

      assertQuoted(e.getMessage(), quotes().get("model-not-pulled"));
    }
  }

  @Test
  void firstCallSlowWhileTheModelLoads() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).build());
      server.start();
      try (OllamaClient client =
          OllamaClient.builder()
              .baseUrl("http://127.0.0.1:" + server.getPort())
              .readTimeout(Duration.ofMillis(200))
              .build()) {
        OllamaTimeoutException e =
            catchThrowableOfType(OllamaTimeoutException.class, () -> client.chat(hi("llama3.2")));

        assertQuoted(
            e.getMessage(), quotes().get("slow-load").replace("11434", "" + server.getPort()));
      }
    }
  }

  @Test
  void cloudModelOnAServerNotSignedIn() throws IOException {
    try (MockWebServer server = new MockWebServer();
        OllamaClient client = clientOf(server)) {
      server.enqueue(
          new MockResponse.Builder()
              .code(401)
              .body("{\"error\":\"unauthorized\",\"signin_url\":\"https://ollama.com/connect?x\"}")
              .build());

      OllamaSigninRequiredException e =
          catchThrowableOfType(
              OllamaSigninRequiredException.class, () -> client.chat(hi("gpt-oss:120b-cloud")));

      assertQuoted(e.getMessage(), quotes().get("signin"));
    }
  }

  @Test
  void aQuoteThatDriftedFromTheMessageFails() {
    // The check itself: a reworded fragment, or fragments out of order, are caught.
    String actual = "one two three";
    assertThat(catchThrowableOfType(AssertionError.class, () -> assertQuoted(actual, "one … four")))
        .isNotNull();
    assertThat(
            catchThrowableOfType(AssertionError.class, () -> assertQuoted(actual, "three … one")))
        .isNotNull();
    assertQuoted(actual, "one … three");
  }

  private static OllamaClient clientOf(MockWebServer server) throws IOException {
    server.start();
    return OllamaClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getPort())
        .retryPolicy(RetryPolicy.none())
        .build();
  }
}
