package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The proxy as an attacker sees it, one attack per test, each checking that nothing reached Ollama.
 * Covered elsewhere and not repeated here: model-management paths and a dozen disguises of them
 * ({@link RefusedPathsTest}), preflights and the simple cross-origin POST ({@link CorsTest}), and
 * bodies over {@code app.max-body-size}, sized or chunked ({@link AskLlmTest}).
 *
 * <p>Its own context: the proxy holds an API key of its own, and the timeouts are short so the slow
 * client tests take seconds (the shipped values are checked by {@link
 * #shipsTheTimeoutsAndHeaderLimitTheDocsName}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "app.cors.allowed-origins=http://localhost:3000,http://page.example:3000",
      "ollama.api-key=proxy-key",
      "server.tomcat.connection-timeout=1s",
      "app.body-timeout=2s"
    })
class ProxyUnderAttackTest extends ProxyTestBase {
  private static final String ASK = "{\"prompt\": \"hi\"}";

  // ---- credentials ----

  @Test
  void neverForwardsTheCallersAuthorizationOrCookie_onlyItsOwnKey() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("ok"));

    HttpResponse<String> response =
        post(
            "/ask-llm",
            ASK,
            "Authorization",
            "Bearer evil",
            "Cookie",
            "session=evil",
            "Proxy-Authorization",
            "Basic ZXZpbA==",
            "X-Api-Key",
            "evil");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest sent = ollama.takeRequest();
    assertThat(sent.header("Authorization")).hasValue("Bearer proxy-key");
    assertThat(sent.header("Cookie")).isEmpty();
    assertThat(sent.header("Proxy-Authorization")).isEmpty();
    assertThat(sent.header("X-Api-Key")).isEmpty();
    assertThat(sent.headers().values())
        .allSatisfy(values -> assertThat(values).noneMatch(v -> v.contains("evil")));
  }

  @Test
  void neverForwardsTheCallersAuthorizationOnAGetEither() throws Exception {
    HttpResponse<String> response = get("/api/tags", "Authorization", "Bearer evil");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ollama.takeRequest().header("Authorization")).hasValue("Bearer proxy-key");
  }

  // ---- request header size ----

  @Test
  void refusesHeadersOverTheLimitBeforeAnyOfOurCodeRuns() throws Exception {
    String raw = rawWithHeader("X-Filler", "a".repeat(17 * 1024));

    // Tomcat's own 400 (an HTML page, not our JSON): the request never reached a filter.
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void acceptsHeadersUnderTheConfiguredLimit_notTomcatsSmallerDefault() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("ok"));

    String raw = rawWithHeader("X-Filler", "a".repeat(12 * 1024));

    assertThat(raw).startsWith("HTTP/1.1 200");
    assertThat(ollama.requestCount()).isEqualTo(1);
  }

  // ---- refusals on a kept-alive connection ----

  /**
   * A refusal before the body is read ends the connection rather than drain that body, and must say
   * so: a client told nothing keeps the socket for its next request, which is then lost.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "POST /ask-llm|Origin: http://evil.example|403",
        "POST /api/pull|Origin: http://localhost:3000|404",
        "PUT /ask-llm|Origin: http://localhost:3000|405",
        "POST /ask-llm|X-Big: yes|413"
      })
  void saysItClosesTheConnectionWhenItRefusesWithoutReadingTheBody(
      String requestLine, String header, int status) throws Exception {
    int length = status == 413 ? 2_000_000 : ASK.length();
    try (Socket socket = connect()) {
      String[] methodAndPath = requestLine.split(" ");
      send(
          socket,
          methodAndPath[0]
              + " "
              + methodAndPath[1]
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + header
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + length
              + "\r\n\r\n"
              + ASK);

      String raw = readToEnd(socket);

      assertThat(raw).startsWith("HTTP/1.1 " + status).contains("Connection: close");
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void keepsTheConnectionAfterARefusedPreflight() throws Exception {
    try (Socket socket = connect()) {
      String preflight =
          "OPTIONS /ask-llm HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
              + "Access-Control-Request-Method: POST\r\n\r\n";
      send(socket, preflight + preflight.replace("evil.example", "localhost:3000"));

      // Both answers on one connection: nothing was left unread, so nothing forced a close.
      String raw = readToEnd(socket);

      assertThat(raw).startsWith("HTTP/1.1 403").contains("HTTP/1.1 204");
      assertThat(raw.substring(0, raw.indexOf("HTTP/1.1 204"))).doesNotContain("Connection: close");
    }
  }

  // ---- slow clients ----

  @Test
  void disconnectsAClientThatNeverFinishesItsRequestLineAndHeaders() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST /ask-llm HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl");

      long started = System.nanoTime();
      readToEnd(socket);

      assertThat(elapsed(started)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void cutsOffABodyThatStopsHalfway() throws Exception {
    try (Socket socket = connect()) {
      send(socket, head("/ask-llm", 100) + "{\"prompt\": ");

      long started = System.nanoTime();
      String raw = readToEnd(socket);

      // Tomcat's read timeout (1 s here) ends the wait; Tomcat itself answers 408 and hangs up.
      assertThat(elapsed(started)).isLessThan(Duration.ofSeconds(5));
      assertThat(raw).startsWith("HTTP/1.1 408").contains("Connection: close");
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void cutsOffABodyTrickledByteByByteWith408() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      // Each byte comes well within the read timeout, so only the body deadline (2 s) stops it.
      String raw = trickle(socket, "/ask-llm");

      assertThat(raw).startsWith("HTTP/1.1 408").contains("app.body-timeout");
      assertThat(elapsed(started))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2))
          .isLessThan(Duration.ofSeconds(6));
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void hangsUpOnARefusedRequestInsteadOfWaitingForItsTrickledBody() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      // Without SlowBodyValve, Tomcat would read this body to its end (40 s) before closing.
      String raw = trickle(socket, "/api/pull");

      assertThat(raw).startsWith("HTTP/1.1 404").contains("never changes the models");
      assertThat(elapsed(started)).isLessThan(Duration.ofSeconds(3));
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void shipsTheTimeoutsAndHeaderLimitTheDocsName() throws IOException {
    Properties shipped = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      shipped.load(in);
    }

    assertThat(shipped.getProperty("server.max-http-request-header-size")).isEqualTo("16KB");
    assertThat(shipped.getProperty("server.tomcat.connection-timeout")).isEqualTo("10s");
    assertThat(shipped.getProperty("app.body-timeout")).isEqualTo("30s");
    assertThat(shipped.getProperty("app.max-body-size")).isEqualTo("1MB");
  }

  // ---- methods, origins, paths (brief; the full sets are in the classes named above) ----

  @ParameterizedTest
  @CsvSource({
    "TRACE, /api/chat",
    "PUT, /api/chat",
    "DELETE, /api/chat",
    "PATCH, /ask-llm",
    "DELETE, /api/tags",
    "PUT, /api/version",
    "POST, /api/tags",
    "GET, /api/generate"
  })
  void refusesMethodsAnAllowedPathDoesNotServeWith405(String method, String path) throws Exception {
    String raw = raw(method, path, "");

    assertThat(raw).startsWith("HTTP/1.1 405");
    assertThat(ollama.requestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example",
        "null",
        "https://localhost:3000",
        "http://localhost:3001",
        "http://localhost:3000.evil.example",
        "http://localhost",
        "*"
      })
  void refusesTheActualPostFromAnOriginNotListedWith403(String origin) throws Exception {
    HttpResponse<String> response =
        post(
            "/api/chat",
            "{\"model\": \"%s\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"
                .formatted(DEFAULT_MODEL),
            "Origin",
            origin);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(ollama.requestCount()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "POST, /api/de%6cete",
    "DELETE, /api/%64elete",
    "POST, /%61pi/pull",
    "POST, /api/%2e%2e/api/delete",
    "POST, /api/chat/..;/delete",
    "POST, /api/chat/.%2e/pull",
    "POST, /./api/delete",
    "POST, /api/pull/",
    "POST, /api/pull%20",
    "POST, /api/pull%00",
    "POST, /api%2fpull",
    "POST, /api/pull?next=/api/chat",
    "POST, /api/chat/../../api/delete",
    "POST, http://127.0.0.1/api/pull",
    "DELETE, http://127.0.0.1/api/../api/delete"
  })
  void reachesNoModelManagementThroughEncodedOrDotSegmentPaths(String method, String path)
      throws Exception {
    String raw = raw(method, path, "{\"model\": \"" + DEFAULT_MODEL + "\"}");

    assertThat(raw).matches("(?s)HTTP/1\\.1 (400|404).*");
    assertThat(ollama.requestCount()).isZero();
    assertThat(ollama.modelNames()).contains(DEFAULT_MODEL);
  }

  // ---- helpers ----

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static String head(String path, int contentLength) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything the proxy sends until it closes the connection (a reset counts as closing). */
  private static String readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // Closed with unread input on our side: still closed.
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  private String rawWithHeader(String name, String value) throws IOException {
    byte[] body = ASK.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = connect()) {
      send(
          socket,
          "POST /ask-llm HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + name
              + ": "
              + value
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n"
              + ASK);
      return readToEnd(socket);
    }
  }

  /**
   * Sends the headers of a 214-byte body to {@code path}, then the body one byte every 200 ms from
   * another thread; returns what the proxy answered before closing.
   */
  private static String trickle(Socket socket, String path) throws Exception {
    String body = "{\"model\": \"" + "a".repeat(200) + "\"}";
    send(socket, head(path, body.length()));
    Thread trickler =
        new Thread(
            () -> {
              try {
                for (char c : body.toCharArray()) {
                  send(socket, String.valueOf(c));
                  Thread.sleep(200);
                }
              } catch (IOException | InterruptedException e) {
                // The proxy hung up, as it should.
              }
            });
    trickler.setDaemon(true);
    trickler.start();
    try {
      return readToEnd(socket);
    } finally {
      trickler.interrupt();
      trickler.join(5_000);
    }
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
