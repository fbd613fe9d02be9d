package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.contract.OllamaContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.ConnectionPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MockWebServer standing in for Ollama, with a client pointed at it, for one test.
 *
 * <pre>{@code
 * @RegisterExtension final MockOllama ollama = new MockOllama();
 *
 * @Test void sendsTheModel() {
 *   ollama.enqueueJson("{\"version\":\"0.12.6\"}");
 *   assertThat(ollama.client().version()).isEqualTo("0.12.6");
 *   assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/version");
 * }
 * }</pre>
 *
 * <p>After each test it checks that the client left no connection in use: every response the test
 * opened was closed.
 */
public final class MockOllama implements BeforeEachCallback, AfterEachCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Consumer<OllamaClient.Builder> customizer;
  private final Map<String, String> environment;
  private MockWebServer server;
  private OllamaClient client;

  /** A mock whose client has default settings and an empty environment. */
  public MockOllama() {
    this(builder -> {}, Map.of());
  }

  /** A mock whose client is further configured by {@code customizer}. */
  public MockOllama(Consumer<OllamaClient.Builder> customizer) {
    this(customizer, Map.of());
  }

  /** A mock whose client sees {@code environment} instead of the process's variables. */
  public MockOllama(Consumer<OllamaClient.Builder> customizer, Map<String, String> environment) {
    this.customizer = customizer;
    this.environment = environment;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new MockWebServer();
    server.start();
    client = newClientBuilder().build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    try {
      assertNoConnectionInUse();
      // The requests no test looked at are held to the contract too.
      for (RecordedRequest request; (request = server.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
        assertFitsTheContract(request);
      }
    } finally {
      client.close();
      server.close();
    }
  }

  /** A builder pointed at the mock, with the mock's environment and customizer applied. */
  public OllamaClient.Builder newClientBuilder() {
    OllamaClient.Builder builder = new OllamaClient.Builder(environment::get);
    builder.baseUrl(server.url("/").toString());
    customizer.accept(builder);
    return builder;
  }

  /** The client pointed at the mock. */
  public OllamaClient client() {
    return client;
  }

  /** The underlying MockWebServer, for what the helpers here do not cover. */
  public MockWebServer server() {
    return server;
  }

  /** Answers the next request with 200 and a JSON body. */
  public void enqueueJson(String json) {
    enqueueJson(200, json);
  }

  /** Answers the next request with a status and a JSON body. */
  public void enqueueJson(int status, String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .body(json)
            .build());
  }

  /**
   * Answers the next request with an NDJSON stream, one line per argument, sent with chunked
   * encoding in chunks of {@code chunkBytes} bytes (so chunk boundaries fall inside lines).
   */
  public void enqueueNdjson(int chunkBytes, String... lines) {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .chunkedBody(String.join("\n", lines) + "\n", chunkBytes)
            .build());
  }

  /** Answers the next request with an NDJSON stream in 1 KiB chunks. */
  public void enqueueNdjson(String... lines) {
    enqueueNdjson(1024, lines);
  }

  /** Answers the next request with {@code response}. */
  public void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  /** The next request the mock received, waiting up to 5 s. */
  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("a request reached the mock").isNotNull();
      assertFitsTheContract(request);
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fails when a JSON request body does not fit Ollama's API description ({@link OllamaContract}):
   * a misspelt or unknown field, a wrong type, a missing required field.
   */
  public static void assertFitsTheContract(RecordedRequest request) {
    if (request.getBody() == null || request.getBody().size() == 0) {
      return;
    }
    String path = request.getUrl().encodedPath();
    assertThat(
            OllamaContract.get()
                .requestErrors(
                    request.getMethod(), path, request.getBody().string(StandardCharsets.UTF_8)))
        .as("%s %s against Ollama's API description", request.getMethod(), path)
        .isEmpty();
  }

  /** The body of the next request, parsed as JSON. */
  public JsonNode takeJsonBody() {
    return parse(takeRequest());
  }

  /** The body of {@code request}, parsed as JSON. */
  public static JsonNode parse(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text, for comparing a request body with the exact JSON expected. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails when a connection of the client is still in use, waiting briefly for stragglers. */
  public void assertNoConnectionInUse() throws InterruptedException {
    ConnectionPool pool = client.transport().http().connectionPool();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (pool.connectionCount() != pool.idleConnectionCount() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pool.connectionCount() - pool.idleConnectionCount())
        .as("connections still in use: a response was left open")
        .isZero();
  }
}
