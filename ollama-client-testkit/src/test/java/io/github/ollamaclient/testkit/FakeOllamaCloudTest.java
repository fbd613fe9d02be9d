package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes about ollama.com on the wire: cloud status, the signed-in account and the web search
 * relay, signed in, signed out and with the cloud off. Every 200 answer is held to the contract.
 */
class FakeOllamaCloudTest {
  @RegisterExtension static final FakeOllama ollama = FakeOllama.create();

  @Test
  void answersHeadApiVersionWithJsonAndNoBody() {
    HttpResponse<String> head = Http.head(ollama, "/api/version");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void reportsTheCloudOnByDefault() {
    HttpResponse<String> response = Http.get(ollama, "/api/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()))
        .isEqualTo(Http.json("{\"cloud\":{\"disabled\":false,\"source\":\"\"}}"));
  }

  @Test
  void reportsTheCloudOffWithItsSource() {
    ollama.withCloudDisabled("env");

    HttpResponse<String> response = Http.get(ollama, "/api/status");

    assertThat(Http.json(response.body()))
        .isEqualTo(Http.json("{\"cloud\":{\"disabled\":true,\"source\":\"env\"}}"));
  }

  @Test
  void answersMeWithTheDefaultAccount() {
    HttpResponse<String> response = Http.post(ollama, "/api/me", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).path("name").asText()).isEqualTo("fake-user");
    assertThat(Http.json(response.body()).path("email").asText())
        .isEqualTo("fake-user@example.com");
    assertThat(Http.json(response.body()).path("id").asText()).hasSize(36);
  }

  @Test
  void answersMeWithTheScriptedAccountAndTheSameIdEachTime() {
    ollama.withAccount("mario", "mario@example.com");

    String first = Http.post(ollama, "/api/me", "").body();
    String second = Http.post(ollama, "/api/me", "").body();

    assertThat(Http.json(first).path("name").asText()).isEqualTo("mario");
    assertThat(first).isEqualTo(second);
  }

  @Test
  void signedOutAnswers401WithTheSigninUrl() {
    ollama.signedOut();

    for (HttpResponse<String> response :
        java.util.List.of(
            Http.post(ollama, "/api/me", ""),
            Http.post(ollama, "/api/experimental/web_search", "{\"query\":\"ollama\"}"),
            Http.post(ollama, "/api/experimental/web_fetch", "{\"url\":\"https://ollama.com\"}"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Http.json(response.body()))
          .isEqualTo(
              Http.json(
                  "{\"error\":\"unauthorized\",\"signin_url\":\"" + FakeOllama.SIGNIN_URL + "\"}"));
    }
  }

  @Test
  void resetSignsInAgainAndTurnsTheCloudBackOn() {
    ollama.signedOut().withCloudDisabled("config");

    ollama.reset();

    assertThat(Http.post(ollama, "/api/me", "").statusCode()).isEqualTo(200);
    assertThat(Http.json(Http.get(ollama, "/api/status").body()).at("/cloud/disabled").asBoolean())
        .isFalse();
  }

  @Test
  void searchesDeterministicallyUpToMaxResults() {
    HttpResponse<String> three =
        Http.post(
            ollama, "/api/experimental/web_search", "{\"query\":\"ollama\",\"max_results\":3}");
    HttpResponse<String> again =
        Http.post(
            ollama, "/api/experimental/web_search", "{\"query\":\"ollama\",\"max_results\":3}");
    HttpResponse<String> byDefault =
        Http.post(ollama, "/api/experimental/web_search", "{\"query\":\"ollama\"}");

    assertThat(Http.json(three.body()).path("results")).hasSize(3);
    assertThat(Http.json(three.body()).at("/results/0/title").asText()).contains("ollama");
    assertThat(three.body()).isEqualTo(again.body());
    assertThat(Http.json(byDefault.body()).path("results")).hasSize(5);
  }

  @Test
  void fetchesAPageNamingTheUrl() {
    HttpResponse<String> response =
        Http.post(ollama, "/api/experimental/web_fetch", "{\"url\":\"https://ollama.com\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response.body()).path("content").asText()).contains("https://ollama.com");
    assertThat(Http.json(response.body()).path("links")).isNotEmpty();
  }

  @Test
  void theRelayRefusesWhatTheServerWouldRefuse() {
    assertThat(Http.post(ollama, "/api/experimental/web_search", "").statusCode()).isEqualTo(400);
    assertThat(Http.post(ollama, "/api/experimental/web_search", "{}").statusCode()).isEqualTo(400);
    assertThat(Http.post(ollama, "/api/experimental/web_fetch", "{\"url\":\"\"}").statusCode())
        .isEqualTo(400);
    assertThat(Http.get(ollama, "/api/experimental/web_search").statusCode()).isEqualTo(405);

    ollama.withCloudDisabled("env");
    HttpResponse<String> off =
        Http.post(ollama, "/api/experimental/web_search", "{\"query\":\"ollama\"}");
    assertThat(off.statusCode()).isEqualTo(403);
    assertThat(Http.json(off.body()).path("error").asText()).contains("cloud is disabled");
  }

  @Test
  void createAcceptsTheV033FieldsAndShowReportsThem() {
    ollama.withModel("llama3.2");
    String digest = "sha256:" + "a".repeat(64);

    HttpResponse<String> create =
        Http.post(
            ollama,
            "/api/create",
            """
            {"model": "fast", "from": "llama3.2", "draft_files": {"draft.gguf": "%s"},
             "draft_quantize": "q8_0", "remote_host": "https://ollama.com:443",
             "requires": "0.12.6", "info": {"source": "test"}, "stream": false}
            """
                .formatted(digest));
    HttpResponse<String> show = Http.post(ollama, "/api/show", "{\"model\":\"fast\"}");

    assertThat(create.statusCode()).isEqualTo(200);
    assertThat(Http.json(show.body()).path("requires").asText()).isEqualTo("0.12.6");
    assertThat(Http.json(show.body()).path("remote_host").asText())
        .isEqualTo("https://ollama.com:443");
    assertThat(Http.json(show.body()).path("remote_model").asText()).isEqualTo("llama3.2");
  }

  @Test
  void createStreamsALayerForEachDraftFile() {
    ollama.withModel("llama3.2");
    String digest = "sha256:" + "b".repeat(64);

    HttpResponse<String> create =
        Http.post(
            ollama,
            "/api/create",
            "{\"model\":\"fast\",\"from\":\"llama3.2\",\"draft_files\":{\"d.gguf\":\""
                + digest
                + "\"}}");

    assertThat(Http.lines(create.body()))
        .extracting(line -> line.path("status").asText())
        .contains("using existing layer " + digest)
        .endsWith("success");
  }
}
