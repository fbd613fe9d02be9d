package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OllamaDownTest {
  private static final int CLOSED_PORT = closedPort();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void nothingListensThere(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void answers503NamingWhereOllamaWasExpected() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask-llm"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"prompt\": \"hi\", \"stream\": true}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(ProxyTestBase.json(response.body()).path("error").asText())
        .startsWith("Ollama is not reachable at http://127.0.0.1:" + CLOSED_PORT)
        .contains("Is Ollama running?");
  }
}
