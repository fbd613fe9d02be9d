package io.github.ollamaclient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credentials go only where they were meant to: headers set for the Ollama server (a reverse
 * proxy's {@code Authorization}, an {@code X-Api-Key}) reach that server and never ollama.com; a
 * call to ollama.com carries the API key and the client's own headers only. Two servers, each asked
 * which headers it received.
 */
class CloudCredentialsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private final MockWebServer cloud = new MockWebServer();

  @BeforeEach
  void startCloud() throws IOException {
    cloud.start();
  }

  @AfterEach
  void stopCloud() {
    cloud.close();
  }

  private OllamaClient.Builder client() {
    return ollama.client().newBuilder().cloudBaseUrl(cloud.url("/").toString());
  }

  private RecordedRequest takeCloudRequest() throws InterruptedException {
    RecordedRequest request = cloud.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the cloud").isNotNull();
    return request;
  }

  /** The headers a request carried, without those OkHttp adds to every request by itself. */
  private static Map<String, String> headersOf(RecordedRequest request) {
    Headers headers = request.getHeaders();
    Map<String, String> sent = new TreeMap<>();
    for (String name : headers.names()) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "host", "connection", "accept-encoding", "content-length", "content-type" -> {}
        default -> sent.put(name.toLowerCase(Locale.ROOT), headers.get(name));
      }
    }
    sent.put("user-agent", sent.containsKey("user-agent") ? "(set)" : "(missing)");
    return sent;
  }

  @Test
  void theServersHeadersStayWithTheServerAndTheCloudGetsOnlyTheKey() throws Exception {
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");
    cloud.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());

    try (OllamaClient client =
        client()
            .apiKey("cloud-key")
            .header("Authorization", "Basic cHJveHk6c2VjcmV0")
            .header("X-Api-Key", "proxy-key")
            .build()) {
      client.version();
      client.webSearch("ollama");
    }

    assertThat(headersOf(ollama.takeRequest()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "accept", "application/json",
                "user-agent", "(set)",
                "authorization", "Basic cHJveHk6c2VjcmV0",
                "x-api-key", "proxy-key"));
    assertThat(headersOf(takeCloudRequest()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "accept", "application/json",
                "user-agent", "(set)",
                "authorization", "Bearer cloud-key"));
  }

  @Test
  void theKeyGoesToTheServerTooWhenNoAuthorizationHeaderIsSet() throws Exception {
    ollama.enqueueJson("{\"version\":\"0.12.6\"}");
    cloud.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());

    try (OllamaClient client = client().apiKey("the-key").header("X-Trace", "1").build()) {
      client.version();
      client.webFetch("https://ollama.com");
    }

    assertThat(headersOf(ollama.takeRequest()))
        .containsEntry("authorization", "Bearer the-key")
        .containsEntry("x-trace", "1");
    assertThat(headersOf(takeCloudRequest()))
        .containsEntry("authorization", "Bearer the-key")
        .doesNotContainKey("x-trace");
  }

  @Test
  void aProxysAuthorizationHeaderIsNoCloudCredential() {
    // Were the header taken for a credential, the search would be sent and answered.
    cloud.enqueue(new MockResponse.Builder().body("{\"results\":[]}").build());

    try (OllamaClient client = client().header("Authorization", "Bearer for-the-proxy").build()) {
      assertThatThrownBy(() -> client.webSearch("ollama"))
          .isInstanceOf(OllamaException.class)
          .hasMessageContaining("apiKey");
    }
    assertThat(cloud.getRequestCount()).isZero();
  }
}
