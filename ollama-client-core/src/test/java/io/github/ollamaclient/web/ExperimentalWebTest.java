package io.github.ollamaclient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web search relay of the Ollama server: no API key, the server's own sign-in. */
class ExperimentalWebTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String SIGNED_OUT =
      "{\"error\":\"unauthorized\",\"signin_url\":\"https://ollama.com/connect?name=box&key=abc\"}";

  @Test
  void searchPostsTheQueryToTheServerWithoutAKey() {
    ollama.enqueueJson(
        """
        {"results": [{"title": "Ollama", "url": "https://ollama.com/",
                      "content": "Get up and running with large language models."}]}
        """);

    WebSearchResponse response = ollama.client().experimentalWebSearch("what is ollama?");

    assertThat(response.results())
        .containsExactly(
            new WebSearchResult(
                "Ollama", "https://ollama.com/", "Get up and running with large language models."));
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/experimental/web_search");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"query\":\"what is ollama?\"}"));
  }

  @Test
  void searchSendsMaxResultsAndChecksIt() {
    ollama.enqueueJson("{\"results\":[]}");

    assertThat(ollama.client().experimentalWebSearch("ollama", 3).results()).isEmpty();

    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"query\":\"ollama\",\"max_results\":3}"));
    assertThatThrownBy(() -> ollama.client().experimentalWebSearch("ollama", 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxResults must be from 1 to 10, was 11");
    assertThatThrownBy(() -> ollama.client().experimentalWebSearch(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query must not be blank");
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void searchGoesToTheServerNotToTheCloudBaseUrl() {
    ollama.enqueueJson("{\"results\":[]}");

    try (OllamaClient client =
        ollama
            .newClientBuilder()
            .cloudBaseUrl(ollama.server().url("/cloud/").toString())
            .apiKey("test-key")
            .build()) {
      client.experimentalWebSearch("ollama");
    }

    assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/experimental/web_search");
  }

  @Test
  void fetchPostsTheUrlAndDecodesThePage() {
    ollama.enqueueJson(
        """
        {"title": "Ollama", "content": "Get up and running.",
         "links": ["https://ollama.com/download"]}
        """);

    WebFetchResponse page = ollama.client().experimentalWebFetch("https://ollama.com");

    assertThat(page.title()).isEqualTo("Ollama");
    assertThat(page.content()).isEqualTo("Get up and running.");
    assertThat(page.links()).containsExactly("https://ollama.com/download");
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/api/experimental/web_fetch");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"url\":\"https://ollama.com\"}"));
  }

  @Test
  void fetchRejectsABlankUrlByName() {
    assertThatThrownBy(() -> ollama.client().experimentalWebFetch(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must not be blank");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void aSignedOutServerSurfacesAsSigninRequired() {
    ollama.enqueueJson(401, SIGNED_OUT);
    ollama.enqueueJson(401, SIGNED_OUT);

    assertThatThrownBy(() -> ollama.client().experimentalWebSearch("ollama"))
        .isInstanceOfSatisfying(
            OllamaSigninRequiredException.class,
            e -> assertThat(e.signinUrl()).isEqualTo("https://ollama.com/connect?name=box&key=abc"))
        .hasMessageContaining("POST /api/experimental/web_search failed with HTTP 401")
        .hasMessageContaining("this request needs: run `ollama signin`");
    assertThatThrownBy(() -> ollama.client().experimentalWebFetch("https://ollama.com"))
        .isInstanceOf(OllamaSigninRequiredException.class)
        .hasMessageContaining("POST /api/experimental/web_fetch");
  }

  @Test
  void aServerWithTheCloudOffIsAnHttpError() {
    ollama.enqueueJson(403, "{\"error\":\"web search is unavailable: cloud is disabled\"}");

    assertThatThrownBy(() -> ollama.client().experimentalWebSearch("ollama"))
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
        .hasMessageContaining("cloud is disabled");
  }
}
