package io.github.ollamaclient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.internal.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API key crosses the network only where nobody between can read it, and credentials never
 * follow a redirect to another server. Two local servers; a server "on another machine" is one
 * reached through a name that OkHttp is told resolves to loopback, so the client cannot know.
 */
class KeyInTransitTest {
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();

  /** Resolves every name to this machine, as a LAN name would resolve to a LAN address. */
  private final OkHttpClient lanDns =
      new OkHttpClient.Builder().dns(hostname -> List.of(InetAddress.getLoopbackAddress())).build();

  @BeforeEach
  void start() throws IOException {
    server.start();
    elsewhere.start();
  }

  @AfterEach
  void stop() {
    server.close();
    elsewhere.close();
    lanDns.dispatcher().executorService().shutdown();
    lanDns.connectionPool().evictAll();
  }

  private OllamaClient.Builder onTheLan(String host) {
    return OllamaClient.builder()
        .httpClient(lanDns)
        .baseUrl("http://" + host + ":" + server.getPort())
        .apiKey("the-key");
  }

  private RecordedRequest take(MockWebServer from) throws InterruptedException {
    RecordedRequest request = from.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request arrived").isNotNull();
    return request;
  }

  @Test
  void theKeyIsNotSentInClearToAnotherMachineAndThe401SaysHowToAllowIt() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(401).body("{\"error\":\"missing bearer token\"}").build());

    try (OllamaClient client = onTheLan("ollama.lan").build()) {
      assertThatThrownBy(client::list)
          .isInstanceOf(OllamaHttpException.class)
          .hasMessageContaining("HTTP 401: missing bearer token")
          .hasMessageContaining("The API key was not sent to http://ollama.lan:" + server.getPort())
          .hasMessageContaining("allowApiKeyOverHttp(\"ollama.lan\")")
          .hasMessageContaining("ollama.allow-api-key-over-http=ollama.lan");
    }
    assertThat(take(server).getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aHostAllowedByNameGetsTheKeyOverHttp() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"models\":[]}").build());

    try (OllamaClient client = onTheLan("ollama.lan").allowApiKeyOverHttp("OLLAMA.lan").build()) {
      client.list();
    }
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Bearer the-key");
  }

  @Test
  void anExplicitAuthorizationHeaderIsTheUsersOwnChoiceAndIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"models\":[]}").build());

    try (OllamaClient client =
        onTheLan("ollama.lan").header("Authorization", "Basic cHJveHk6c2VjcmV0").build()) {
      client.list();
    }
    assertThat(take(server).getHeaders().get("Authorization")).isEqualTo("Basic cHJveHk6c2VjcmV0");
  }

  @Test
  void aCloudUrlOverPlainHttpToAnotherMachineGetsNoKeyAndTheCallSaysWhy() {
    try (OllamaClient client =
        OllamaClient.builder()
            .httpClient(lanDns)
            .apiKey("the-key")
            .cloudBaseUrl("http://search-proxy.lan:" + elsewhere.getPort())
            .build()) {
      assertThatThrownBy(() -> client.webSearch("ollama"))
          .isInstanceOf(OllamaException.class)
          .hasMessageContaining("web search needs the API key")
          .hasMessageContaining("allowApiKeyOverHttp(\"search-proxy.lan\")");
    }
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aRedirectToAnotherServerLeavesEveryCredentialBehind() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", elsewhere.url("/api/tags").toString())
            .build());
    elsewhere.enqueue(new MockResponse.Builder().body("{\"models\":[]}").build());

    try (OllamaClient client =
        OllamaClient.builder()
            .baseUrl(server.url("/").toString())
            .apiKey("the-key")
            .header("X-Api-Key", "proxy-key")
            .build()) {
      client.list();
    }

    RecordedRequest first = take(server);
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer the-key");
    assertThat(first.getHeaders().get("X-Api-Key")).isEqualTo("proxy-key");
    RecordedRequest redirected = take(elsewhere);
    assertThat(redirected.getHeaders().get("Authorization")).isNull();
    assertThat(redirected.getHeaders().get("X-Api-Key")).isNull();
    assertThat(redirected.getHeaders().get("User-Agent")).startsWith("ollama-client-java/");
  }

  @Test
  void aRedirectOnTheSameServerKeepsTheCredentials() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(308).setHeader("Location", "/v2/api/tags").build());
    server.enqueue(new MockResponse.Builder().body("{\"models\":[]}").build());

    try (OllamaClient client =
        OllamaClient.builder()
            .baseUrl(server.url("/").toString())
            .apiKey("the-key")
            .header("X-Api-Key", "proxy-key")
            .build()) {
      client.list();
    }

    take(server);
    RecordedRequest redirected = take(server);
    assertThat(redirected.getTarget()).isEqualTo("/v2/api/tags");
    assertThat(redirected.getHeaders().get("Authorization")).isEqualTo("Bearer the-key");
    assertThat(redirected.getHeaders().get("X-Api-Key")).isEqualTo("proxy-key");
  }

  @Test
  void aServerThatIsNotSignedInNamesTheModelAndTheCommandToRun() {
    server.enqueue(
        new MockResponse.Builder()
            .code(401)
            .body(
                "{\"error\":\"unauthorized\","
                    + "\"signin_url\":\"https://ollama.com/connect?name=box&key=abc\"}")
            .build());

    try (OllamaClient client = OllamaClient.builder().baseUrl(server.url("/").toString()).build()) {
      assertThatThrownBy(
              () ->
                  client.chat(
                      ChatRequest.builder("gpt-oss:120b-cloud")
                          .message(Message.user("hi"))
                          .build()))
          .isInstanceOfSatisfying(
              OllamaSigninRequiredException.class,
              e -> {
                assertThat(e.signinUrl()).isEqualTo("https://ollama.com/connect?name=box&key=abc");
                assertThat(e.model()).contains("gpt-oss:120b-cloud");
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.errorMessage()).isEqualTo("unauthorized");
              })
          .hasMessage(
              "POST /api/chat failed with HTTP 401: unauthorized. The Ollama server is not signed"
                  + " in to ollama.com, which model \"gpt-oss:120b-cloud\" needs: run `ollama"
                  + " signin` where the server runs, or open"
                  + " https://ollama.com/connect?name=box&key=abc.");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "LOCALHOST",
        "app.localhost",
        "127.0.0.1",
        "127.1.2.3",
        "::1",
        "::",
        "0.0.0.0"
      })
  void theseNameThisMachine(String host) {
    assertThat(HostResolver.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ollama",
        "10.0.0.5",
        "127.0.0.1.nip.io",
        "localhost.example.com",
        "128.0.0.1",
        "127.0.0.256",
        "::2",
        "192.168.1.10"
      })
  void theseMayBeAnotherMachine(String host) {
    assertThat(HostResolver.isLoopback(host)).isFalse();
  }
}
