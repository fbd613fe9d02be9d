package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OllamaDownTest {
  @DynamicPropertySource
  static void deadOllama(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free again once closed: nothing listens there
    }
    registry.add("ollama.base-url", () -> "http://127.0.0.1:" + port);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void answers503NamingTheCauseWhenOllamaIsNotReachable() {
    HttpResponse<String> response =
        new Fixtures.Http(port).post("/api/suggest-schedule", REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode error = tree(response.body());
    assertThat(error.path("error").asText())
        .startsWith("Ollama is not reachable")
        .contains("127.0.0.1");
    assertThat(error.size()).as("only \"error\", the proxy's shape").isOne();
  }
}
