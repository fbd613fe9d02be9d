package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A MockWebServer standing in for Ollama during one test. */
public final class FakeOllama implements BeforeEachCallback, AfterEachCallback {
  private MockWebServer server;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  /** The server's base URL, without a trailing slash: {@code http://127.0.0.1:PORT}. */
  public String url() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The property that points the auto-configured client here. */
  public String baseUrlProperty() {
    return "ollama.base-url=" + url();
  }

  /** Answers the next request as {@code GET /api/version} does. */
  public void enqueueVersion(String version) {
    enqueue(200, "{\"version\":\"" + version + "\"}");
  }

  /** Answers the next request with a status and a JSON body. */
  public void enqueue(int status, String json) {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .body(json)
            .build());
  }

  /** Answers the next request only after {@code delay}, as a stalled server would. */
  public void enqueueStalled(Duration delay) {
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .body("{\"version\":\"0.12.6\"}")
            .build());
  }

  /**
   * Answers the next request with NDJSON lines whose body starts only after {@code delay}: the
   * status and headers come at once, the first line late.
   */
  public void enqueueNdjsonAfter(Duration delay, String... lines) {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(String.join("\n", lines) + "\n")
            .bodyDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
            .build());
  }

  /** Answers the next request with NDJSON lines, all at once. */
  public void enqueueNdjson(String... lines) {
    enqueueNdjsonAfter(Duration.ZERO, lines);
  }

  /**
   * Answers the next request with the head and {@code first} line at once, and the {@code rest}
   * only after a minute: a stream left in the middle. The first of {@code rest} must be longer than
   * 512 bytes, since the throttle counts the response's head too: 512 bytes more let the first line
   * through.
   */
  public void enqueueNdjsonStalledAfter(String first, String... rest) {
    String head = first + "\n";
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "application/x-ndjson")
            .body(head + String.join("\n", rest) + "\n")
            .throttleBody(head.getBytes(StandardCharsets.UTF_8).length + 512, 1, TimeUnit.MINUTES)
            .build());
  }

  /** How many requests the server has received so far. */
  public int requestCount() {
    return server.getRequestCount();
  }

  /** The next request the server received, waiting up to 5 s. */
  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("a request reached the fake Ollama").isNotNull();
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
