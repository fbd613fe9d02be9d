package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proxy on a random port with the testkit's fake Ollama behind it. One fake and one Spring
 * context serve every endpoint test class; the fake's script is reset before each test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "app.cors.allowed-origins=http://localhost:3000,http://page.example:3000",
      // No /api/ps lookups: tests that read the fake's last request expect the model call there.
      "app.prompt-truncation-lookup=false"
    })
abstract class ProxyTestBase {
  static final String DEFAULT_MODEL = ProxyController.DEFAULT_MODEL;
  static final String ALLOWED = "http://localhost:3000";

  static final FakeOllama ollama = SharedFake.INSTANCE;

  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void ollamaBehindTheProxy(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
  }

  @BeforeEach
  void resetTheFake() {
    ollama.reset();
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    return http.send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return http.send(
        request(path, headers).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode json(String text) throws IOException {
    return Wire.MAPPER.readTree(text);
  }

  static String error(HttpResponse<String> response) throws IOException {
    return json(response.body()).path("error").asText();
  }

  /**
   * Sends a request line exactly as written, for paths an HTTP client would normalise or encode
   * ({@code /api/../api/pull}); returns the whole response as text.
   */
  String raw(String method, String rawPath, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + rawPath
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One fake for the whole test run: the cached Spring context keeps pointing at it. */
  static final class SharedFake {
    static final FakeOllama INSTANCE =
        FakeOllama.create().withModel(DEFAULT_MODEL).withModel("all-minilm").start();

    private SharedFake() {}
  }
}
