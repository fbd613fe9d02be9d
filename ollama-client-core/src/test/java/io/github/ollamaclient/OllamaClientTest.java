package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaClientTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @Test
  void versionReadsTheServersVersion() {
    ollama.enqueueJson("{\"version\":\"0.12.6\",\"later_field\":1}");

    assertThat(ollama.client().version()).isEqualTo("0.12.6");

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/version");
  }

  @Test
  void sendsUserAgentAndAcceptHeaders() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");

    ollama.client().version();

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getHeaders().get("User-Agent"))
        .matches("ollama-client-java/\\S+ \\(\\S+ \\S+\\) Java/\\S+");
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void userAgentSuffixIsAppended() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");

    try (OllamaClient client = ollama.newClientBuilder().userAgentSuffix("my-app/1.2").build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getHeaders().get("User-Agent"))
        .endsWith(") Java/" + System.getProperty("java.version") + " my-app/1.2");
  }

  @Test
  void apiKeyIsSentAsBearerToken() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");

    try (OllamaClient client = ollama.newClientBuilder().apiKey("secret-key").build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getHeaders().get("Authorization"))
        .isEqualTo("Bearer secret-key");
  }

  @Test
  void apiKeyFromEnvironmentIsSentWhenNoAuthorizationHeaderWasGiven() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");
    OllamaClient.Builder builder =
        new OllamaClient.Builder(Map.of("OLLAMA_API_KEY", "env-key")::get)
            .baseUrl(ollama.server().url("/").toString());

    try (OllamaClient client = builder.build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer env-key");
  }

  @Test
  void explicitAuthorizationHeaderWinsOverTheApiKey() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");
    OllamaClient.Builder builder =
        new OllamaClient.Builder(Map.of("OLLAMA_API_KEY", "env-key")::get)
            .baseUrl(ollama.server().url("/").toString())
            .header("authorization", "Basic dXNlcjpwYXNz");

    try (OllamaClient client = builder.build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getHeaders().values("Authorization"))
        .containsExactly("Basic dXNlcjpwYXNz");
  }

  @Test
  void extraHeadersAreSentWithEveryRequest() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");

    try (OllamaClient client =
        ollama.newClientBuilder().headers(Map.of("X-Tenant", "blue")).build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getHeaders().get("X-Tenant")).isEqualTo("blue");
  }

  @Test
  void ollamaHostFromEnvironmentChoosesTheServer() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");
    String host = "127.0.0.1:" + ollama.server().getPort();

    try (OllamaClient client = new OllamaClient.Builder(Map.of("OLLAMA_HOST", host)::get).build()) {
      assertThat(client.baseUrl()).isEqualTo("http://" + host);
      assertThat(client.version()).isEqualTo("0.1.0");
    }
  }

  @Test
  void basePathOfTheUrlIsKept() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");

    try (OllamaClient client =
        ollama.newClientBuilder().baseUrl(ollama.server().url("/ollama/").toString()).build()) {
      client.version();
    }

    assertThat(ollama.takeRequest().getTarget()).isEqualTo("/ollama/api/version");
  }

  @Test
  void errorStatusCarriesOllamasErrorText() {
    ollama.enqueueJson(500, "{\"error\":\"llama runner process has terminated\"}");

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOfSatisfying(
            OllamaHttpException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.method()).isEqualTo("GET");
              assertThat(e.path()).isEqualTo("/api/version");
              assertThat(e.errorMessage()).isEqualTo("llama runner process has terminated");
            })
        .hasMessage("GET /api/version failed with HTTP 500: llama runner process has terminated");
  }

  @Test
  void htmlErrorPageIsKeptRaw() {
    String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    ollama.enqueue(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body(html)
            .build());

    assertThatThrownBy(() -> ollama.client().version())
        .isExactlyInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("HTTP 502")
        .hasMessageContaining("502 Bad Gateway")
        .satisfies(e -> assertThat(((OllamaHttpException) e).body()).isEqualTo(html));
  }

  @Test
  void notFoundWithoutOllamasJsonIsNotAModelError() {
    ollama.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());

    assertThatThrownBy(() -> ollama.client().version())
        .isExactlyInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("404 page not found");
  }

  @Test
  void malformedJsonBodyIsAProtocolError() {
    ollama.enqueueJson("{\"version\":");

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("GET /api/version")
        .hasMessageContaining("\"{\"version\":\"");
  }

  @Test
  void connectionRefusedNamesTheUrlAndWhatToTry() throws Exception {
    String base = ollama.client().baseUrl();
    ollama.server().close();

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOfSatisfying(
            OllamaConnectionException.class,
            e -> assertThat(e.url()).isEqualTo(base + "/api/version"))
        .hasMessageContaining("Could not connect to Ollama at " + base + " (GET /api/version)")
        .hasMessageContaining("ollama serve")
        // Said to any app's developer: this project's compose file is not theirs to start.
        .hasMessageNotContaining("docker compose");
  }

  @Test
  void readTimeoutIsATimeoutException() {
    ollama.enqueue(
        new MockResponse.Builder()
            .body("{\"version\":\"0.1.0\"}")
            .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .build());

    try (OllamaClient client =
        ollama.newClientBuilder().readTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(client::version)
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read timeout (200 ms");
    }
  }

  @Test
  void callTimeoutIsATimeoutNotACancel() {
    ollama.enqueue(
        new MockResponse.Builder()
            .body("{\"version\":\"0.1.0\"}")
            .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .build());

    try (OllamaClient client =
        ollama.newClientBuilder().callTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(client::version)
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("whole-call timeout (200 ms)");
    }
  }

  private void enqueueHead(int status, String contentType) {
    MockResponse.Builder head = new MockResponse.Builder().code(status);
    if (contentType != null) {
      head.setHeader("Content-Type", contentType);
    }
    ollama.enqueue(head.build());
  }

  @Test
  void isRunningAsksHeadApiVersionAndNothingMore() {
    enqueueHead(200, "application/json; charset=utf-8");

    assertThat(ollama.client().isRunning()).isTrue();
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod() + " " + request.getTarget()).isEqualTo("HEAD /api/version");
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 405})
  void isRunningFallsBackToTheRootForServersWithoutHeadVersion(int status) {
    enqueueHead(status, "text/plain");
    ollama.enqueue(new MockResponse.Builder().body("Ollama is running").build());

    assertThat(ollama.client().isRunning()).isTrue();
    assertThat(ollama.takeRequest().getMethod()).isEqualTo("HEAD");
    RecordedRequest root = ollama.takeRequest();
    assertThat(root.getMethod() + " " + root.getTarget()).isEqualTo("GET /");
  }

  @Test
  void isRunningIsFalseWhenNothingListens() {
    ollama.server().close();

    assertThat(ollama.client().isRunning()).isFalse();
  }

  @Test
  void isRunningIsFalseForAnotherServer() {
    // A web server that answers every path with its page, HEAD included.
    enqueueHead(200, "text/html");
    ollama.enqueue(new MockResponse.Builder().body("<html>nginx</html>").build());

    assertThat(ollama.client().isRunning()).isFalse();
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void isRunningIsFalseWhenBothProbesFail() {
    enqueueHead(502, null);
    ollama.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());

    assertThat(ollama.client().isRunning()).isFalse();
  }

  @Test
  void negativeTimeoutIsRejectedByName() {
    assertThatThrownBy(() -> OllamaClient.builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
  }

  @Test
  void invalidBaseUrlIsRejectedWhenSet() {
    assertThatThrownBy(() -> OllamaClient.builder().baseUrl("ftp://example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://example.com");
  }

  @Test
  void derivedClientSharesThePoolAndSurvivesTheParentsClose() {
    ollama.enqueueJson("{\"version\":\"0.1.0\"}");
    ollama.enqueueJson("{\"version\":\"0.1.1\"}");
    OllamaClient parent = ollama.newClientBuilder().build();
    OllamaClient child = parent.newBuilder().readTimeout(Duration.ofSeconds(30)).build();

    parent.version();
    parent.close();

    assertThat(child.version()).isEqualTo("0.1.1");
    assertThat(child.transport().http().connectionPool())
        .isSameAs(parent.transport().http().connectionPool());
    child.close();
  }
}
