package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.MODEL;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Reply;
import java.io.ByteArrayInputStream;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests no page would send: bodies too large (declared or chunked), too many breaks, unknown
 * fields, the wrong content type, method or path. Each gets the proxy's error shape, {@code
 * {"error": "..."}} naming the field or limit, and the model is never asked.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"app.max-body-size=8KB", "app.max-breaks=3"})
class HostileInputTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

  private static final String PATH = "/api/suggest-schedule";

  @DynamicPropertySource
  static void ollamaProperties(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
  }

  @Value("${local.server.port}")
  int port;

  Fixtures.Http http;
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void arrange() {
    http = new Fixtures.Http(port);
    ollama.model(MODEL).reply(Reply.json(VALID_JA));
  }

  /** The one error shape: a JSON object with only {@code error}, which says it all. */
  private static String error(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = tree(response.body());
    assertThat(body.properties()).extracting(entry -> entry.getKey()).containsExactly("error");
    return body.path("error").asText();
  }

  private static String withBreaks(int count) {
    StringBuilder breaks = new StringBuilder();
    for (int i = 0; i < count; i++) {
      breaks
          .append(i == 0 ? "" : ",")
          .append("{\"start\":\"1" + i + ":00\",\"end\":\"1" + i + ":10\"}");
    }
    return "{\"workingHours\":{\"start\":\"09:00\",\"end\":\"18:00\"},\"breaks\":["
        + breaks
        + "],\"tasks\":[{\"title\":\"a\",\"minutes\":30}]}";
  }

  @Test
  void refusesADeclaredBodyOverTheLimitBeforeReadingIt_withoutAnOrigin() throws IOException {
    // 300 MB declared, a few bytes sent: the answer comes at once, so the body was not awaited.
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + PATH
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 314572800\r\n\r\n{\"tasks\":")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      // Read to the end: the server hangs up rather than wait for the 300 MB it will not read.
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer.toLowerCase()).contains("connection: close");
      assertThat(answer)
          .contains("{\"error\":\"request body is larger than 8192 bytes (app.max-body-size)");
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void refusesAChunkedBodyOverTheLimitWithoutHoldingItAll() throws Exception {
    // No Content-Length: the body streams in chunks, and is cut off after the limit.
    byte[] padding = new byte[200_000];
    java.util.Arrays.fill(padding, (byte) ' ');
    byte[] body = (new String(padding, StandardCharsets.US_ASCII) + REQUEST_JA).getBytes();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(error(response))
        .isEqualTo(
            "request body is larger than 8192 bytes (app.max-body-size); send fewer or shorter"
                + " tasks");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void takesBreaksUpToTheLimitAndRefusesOneMoreByName() {
    HttpResponse<String> within = http.post(PATH, withBreaks(3));
    HttpResponse<String> over = http.post(PATH, withBreaks(4));

    assertThat(within.statusCode()).as(within.body()).isEqualTo(200);
    assertThat(over.statusCode()).isEqualTo(400);
    assertThat(error(over)).isEqualTo("breaks must hold at most 3 breaks (app.max-breaks), held 4");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          root         | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30}],"mood":"x"} | unknown field "mood"; known fields: breaks, date, language, tasks, workingHours
          workingHours | {"workingHours":{"start":"09:00","end":"18:00","tz":"UTC"},"tasks":[{"title":"a","minutes":30}]} | unknown field "workingHours.tz"; known fields: end, start
          break        | {"workingHours":{"start":"09:00","end":"18:00"},"breaks":[{"start":"12:00","end":"13:00","why":"x"}],"tasks":[{"title":"a","minutes":30}]} | unknown field "breaks[0].why"; known fields: end, start
          task         | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30,"notes":"x"}]} | unknown field "tasks[0].notes"; known fields: deadline, minutes, priority, title
          """)
  void refusesUnknownFieldsByName(String where, String body, String message) {
    HttpResponse<String> response = http.post(PATH, body);

    assertThat(response.statusCode()).as(where).isEqualTo(400);
    assertThat(error(response)).isEqualTo(message);
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void echoesNoMoreThanAShortPieceOfAHugeValue() {
    String date = "x".repeat(5000);
    HttpResponse<String> response =
        http.post(
            PATH,
            "{\"date\":\""
                + date
                + "\",\"workingHours\":{\"start\":\"09:00\",\"end\":\"18:00\"},"
                + "\"tasks\":[{\"title\":\"a\",\"minutes\":30}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response))
        .startsWith("date must be a date like 2026-11-25, was \"xxx")
        .hasSizeLessThan(120);
  }

  @Test
  void refusesABodyThatIsNotJsonByItsContentTypeWith415() throws Exception {
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                  .header("Content-Type", type)
                  .POST(HttpRequest.BodyPublishers.ofString(REQUEST_JA))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(type).isEqualTo(415);
      assertThat(error(response)).isEqualTo("Content-Type must be application/json, was " + type);
    }
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void answersAnotherMethodWith405AndAnotherPathWith404InTheSameShape() throws Exception {
    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> elsewhere = http.post("/api/suggest", REQUEST_JA);

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertThat(error(get)).isEqualTo("GET is not allowed on " + PATH + "; use POST");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(error(elsewhere))
        .isEqualTo("/api/suggest is not served; this service answers POST " + PATH);
  }

  @Test
  void answersWhatSpringRefusesInTheSameShape() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("Content-Type", "application/json")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST_JA))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
    assertThat(error(response)).isEqualTo("HTTP 406: Not Acceptable; this service answers JSON");
  }
}
