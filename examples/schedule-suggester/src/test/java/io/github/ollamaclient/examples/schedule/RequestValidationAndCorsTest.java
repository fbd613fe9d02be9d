package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.MODEL;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.assertValidAnswer;
import static io.github.ollamaclient.examples.schedule.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "app.cors.allowed-origins=http://localhost:3000,http://127.0.0.1:3000")
class RequestValidationAndCorsTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

  private static final String PATH = "/api/suggest-schedule";
  private static final String PAGE = "http://localhost:3000";
  private static final String OTHER = "http://evil.example:3000";

  @DynamicPropertySource
  static void ollamaProperties(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
  }

  @Value("${local.server.port}")
  int port;

  Fixtures.Http http;

  @BeforeEach
  void client() {
    http = new Fixtures.Http(port);
    ollama.model(MODEL).reply(Reply.json(VALID_JA));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing title       | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"minutes":30}]}                                   | tasks[0].title         | is missing
          blank title         | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":" ","minutes":30}]}                       | tasks[0].title         | must not be blank
          zero minutes        | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":0}]}                        | tasks[0].minutes       | must be greater than 0, was 0
          negative minutes    | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30},{"title":"b","minutes":-5}]} | tasks[1].minutes   | must be greater than 0, was -5
          minutes as text     | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":"30"}]}                     | tasks[0].minutes       | must be a whole number
          end before start    | {"workingHours":{"start":"18:00","end":"09:00"},"tasks":[{"title":"a","minutes":30}]}                       | workingHours.end       | must be after start 18:00, was 09:00
          break end = start   | {"workingHours":{"start":"09:00","end":"18:00"},"breaks":[{"start":"12:00","end":"12:00"}],"tasks":[{"title":"a","minutes":30}]} | breaks[0].end | must be after start 12:00
          unknown priority    | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30,"priority":"urgent"}]}   | tasks[0].priority      | must be "high", "medium" or "low", was "urgent"
          malformed start     | {"workingHours":{"start":"9am","end":"18:00"},"tasks":[{"title":"a","minutes":30}]}                         | workingHours.start     | must be a time written HH:mm (such as 09:30), was "9am"
          malformed deadline  | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30,"deadline":"25:00"}]}    | tasks[0].deadline      | must be a time written HH:mm
          missing hours       | {"tasks":[{"title":"a","minutes":30}]}                                                                      | workingHours           | is missing
          no tasks            | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[]}                                                 | tasks                  | must not be empty
          duplicate titles    | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30},{"title":"a","minutes":10}]} | tasks[1].title     | must be unique
          bad date            | {"date":"25/11/2026","workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30}]}   | date                   | must be a date like 2026-11-25
          unknown language    | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30}],"language":"fr"}       | language               | must be "ja" or "en", was "fr"
          not JSON            | {"workingHours":                                                                                            | body                   | is not valid JSON
          minutes 1.5         | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":1.5}]}                      | tasks[0].minutes       | must be a whole number
          minutes 2^64 + 60   | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":18446744073709551676}]}     | tasks[0].minutes       | must be at most 1440 (one day), was 18446744073709551676
          title a number      | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":5,"minutes":30}]}                         | tasks[0].title         | must be a string
          task null           | {"workingHours":{"start":"09:00","end":"18:00"},"tasks":[{"title":"a","minutes":30},null]}                  | tasks[1]               | must be an object
          breaks an object    | {"workingHours":{"start":"09:00","end":"18:00"},"breaks":{},"tasks":[{"title":"a","minutes":30}]}           | breaks                 | must be an array
          body an array       | [{"title":"a","minutes":30}]                                                                                | body                   | must be a JSON object
          """)
  void answers400NamingTheField(String what, String body, String field, String problem) {
    HttpResponse<String> response = http.post(PATH, body);

    assertThat(response.statusCode()).as(what).isEqualTo(400);
    JsonNode error = tree(response.body());
    assertThat(error.size()).as("only \"error\", the proxy's shape").isOne();
    assertThat(error.path("error").asText()).startsWith(field + " ").contains(problem);
    assertThat(ollama.requestCount()).as("the model is never asked").isZero();
  }

  @Test
  void answers400ForAnEmptyBody() {
    HttpResponse<String> response = http.post(PATH, "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(tree(response.body()).path("error").asText()).startsWith("body ");
  }

  @Test
  void answersAPreflightFromTheAllowedOriginWith204AndExactAllowHeaders() {
    HttpResponse<String> response =
        http.options(
            PATH,
            "Origin",
            PAGE,
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "content-type");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PAGE);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValue("POST, OPTIONS");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("Content-Type");
    assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(response.headers().allValues("Vary"))
        .anySatisfy(v -> assertThat(v).contains("Origin"));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void answersAPreflightFromTheSecondConfiguredOrigin() {
    HttpResponse<String> response =
        http.options(
            PATH, "Origin", "http://127.0.0.1:3000", "Access-Control-Request-Method", "POST");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().allValues("Access-Control-Allow-Origin"))
        .containsExactly("http://127.0.0.1:3000");
  }

  @Test
  void refusesAPreflightFromAnotherOriginWithoutAnyAllowHeader() {
    HttpResponse<String> response =
        http.options(PATH, "Origin", OTHER, "Access-Control-Request-Method", "POST");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().map().keySet())
        .noneSatisfy(name -> assertThat(name.toLowerCase()).startsWith("access-control-"));
  }

  @Test
  void refusesAPostFromAnotherOriginBeforeAskingTheModel() {
    HttpResponse<String> response = http.post(PATH, REQUEST_JA, "Origin", OTHER);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(tree(response.body()).path("error").asText()).contains("origin not allowed");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void answersAPostFromTheAllowedOriginWithItsOriginNeverAStar() {
    HttpResponse<String> response = http.post(PATH, REQUEST_JA, "Origin", PAGE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PAGE);
    assertThat(assertValidAnswer(REQUEST_JA, response.body()).source()).isEqualTo("model");
  }

  @Test
  void answersRequestsWithoutOriginWithoutCorsHeaders() {
    HttpResponse<String> response = http.post(PATH, REQUEST_JA);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
