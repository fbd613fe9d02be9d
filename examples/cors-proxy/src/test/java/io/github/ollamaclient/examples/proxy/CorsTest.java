package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class CorsTest extends ProxyTestBase {

  private HttpResponse<String> preflight(String path, String origin) throws Exception {
    return http.send(
        request(
                path,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersThePreflightOfAnAllowedOriginWith204AndItsHeaders() throws Exception {
    HttpResponse<String> response = preflight("/ask-llm", ALLOWED);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValue("POST, OPTIONS");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("content-type");
    assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
    assertThat(response.headers().allValues("Vary"))
        .anySatisfy(v -> assertThat(v).contains("Origin"));
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void answersThePreflightOfAnyConfiguredOrigin() throws Exception {
    HttpResponse<String> response = preflight("/api/chat", "http://page.example:3000");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://page.example:3000");
  }

  @Test
  void givesAnotherOriginNoAllowHeaders() throws Exception {
    HttpResponse<String> response = preflight("/ask-llm", "http://evil.example");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().map().keySet())
        .noneSatisfy(name -> assertThat(name.toLowerCase()).startsWith("access-control-allow"));
    assertThat(error(response)).contains("http://evil.example is not allowed");
  }

  @Test
  void neverForwardsARequestFromAnotherOriginEvenWithoutAPreflight() throws Exception {
    // A text/plain POST is a "simple" request: a browser sends it without asking first.
    HttpResponse<String> response =
        http.send(
            request("/ask-llm", "Origin", "http://evil.example", "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"hi\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void marksTheAnswerToAnAllowedOriginWithThatOrigin() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("ok"));

    HttpResponse<String> response = post("/ask-llm", "{\"prompt\": \"hi\"}", "Origin", ALLOWED);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
  }

  @Test
  void marksErrorAnswersToo_soThePageCanReadThem() throws Exception {
    HttpResponse<String> response =
        post("/ask-llm", "{\"prompt\": \"hi\", \"model\": \"gone\"}", "Origin", ALLOWED);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
  }

  @Test
  void neverAnswersWithAWildcard() throws Exception {
    HttpResponse<String> response = preflight("/api/tags", ALLOWED);

    assertThat(response.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*");
  }
}
