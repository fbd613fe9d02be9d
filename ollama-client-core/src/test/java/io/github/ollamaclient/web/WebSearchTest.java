package io.github.ollamaclient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebSearchTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final String SEARCH_ANSWER =
      """
      {"results": [
        {"title": "Ollama", "url": "https://ollama.com/",
         "content": "Cloud models are now available in Ollama...", "rank": 1},
        {"title": "What is Ollama?", "url": "https://example.com/what-is-ollama",
         "content": "Ollama is an open-source tool..."}
      ]}
      """;

  /** A client sharing the mock's pool, whose cloud URL is a distinct path on the same server. */
  private OllamaClient cloudClient() {
    return ollama
        .client()
        .newBuilder()
        .cloudBaseUrl(ollama.server().url("/cloud/").toString())
        .apiKey("test-key")
        .build();
  }

  @Test
  void webSearchPostsTheQueryToTheCloudWithTheApiKey() {
    ollama.enqueueJson(SEARCH_ANSWER);

    try (OllamaClient client = cloudClient()) {
      client.webSearch("what is ollama?");
    }

    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/cloud/api/web_search");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"query\":\"what is ollama?\"}"));
  }

  @Test
  void webSearchDecodesTheResults() {
    ollama.enqueueJson(SEARCH_ANSWER);

    WebSearchResponse response;
    try (OllamaClient client = cloudClient()) {
      response = client.webSearch("what is ollama?");
    }

    assertThat(response.results())
        .containsExactly(
            new WebSearchResult(
                "Ollama", "https://ollama.com/", "Cloud models are now available in Ollama..."),
            new WebSearchResult(
                "What is Ollama?",
                "https://example.com/what-is-ollama",
                "Ollama is an open-source tool..."));
  }

  @Test
  void webSearchSendsMaxResults() {
    ollama.enqueueJson("{\"results\":[]}");

    try (OllamaClient client = cloudClient()) {
      assertThat(client.webSearch("ollama", 10).results()).isEmpty();
    }

    assertThat(ollama.takeJsonBody())
        .isEqualTo(MockOllama.json("{\"query\":\"ollama\",\"max_results\":10}"));
  }

  @Test
  void maxResultsOutsideOneToTenIsRejectedByName() {
    try (OllamaClient client = cloudClient()) {
      assertThatThrownBy(() -> client.webSearch("ollama", 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxResults must be from 1 to 10, was 0");
      assertThatThrownBy(() -> client.webSearch("ollama", 11))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxResults");
    }
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void blankQueryIsRejectedByName() {
    try (OllamaClient client = cloudClient()) {
      assertThatThrownBy(() -> client.webSearch(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("query must not be blank");
    }
  }

  @Test
  void webFetchPostsTheUrlAndDecodesThePage() {
    ollama.enqueueJson(
        """
        {"title": "Ollama", "content": "Get up and running with large language models.",
         "links": ["https://ollama.com/download", "https://ollama.com/search"],
         "fetched_at": "2025-09-24T00:00:00Z"}
        """);

    WebFetchResponse page;
    try (OllamaClient client = cloudClient()) {
      page = client.webFetch("https://ollama.com");
    }

    assertThat(page.title()).isEqualTo("Ollama");
    assertThat(page.content()).startsWith("Get up and running");
    assertThat(page.links())
        .containsExactly("https://ollama.com/download", "https://ollama.com/search");
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getTarget()).isEqualTo("/cloud/api/web_fetch");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
    assertThat(MockOllama.parse(request))
        .isEqualTo(MockOllama.json("{\"url\":\"https://ollama.com\"}"));
  }

  @Test
  void webFetchOfAnEmptyAnswerHasEmptyFields() {
    ollama.enqueueJson("{}");

    WebFetchResponse page;
    try (OllamaClient client = cloudClient()) {
      page = client.webFetch("https://example.com");
    }

    assertThat(page).isEqualTo(new WebFetchResponse("", "", List.of()));
  }

  @Test
  void missingApiKeyFailsBeforeSendingAndSaysHowToSetOne() {
    // The mock's environment is empty, so its client has no key and no Authorization header.
    assertThatThrownBy(() -> ollama.client().webSearch("ollama"))
        .isExactlyInstanceOf(OllamaException.class)
        .hasMessageContaining("web search runs on https://ollama.com")
        .hasMessageContaining("OLLAMA_API_KEY")
        .hasMessageContaining("apiKey(");
    assertThatThrownBy(() -> ollama.client().webFetch("https://ollama.com"))
        .isExactlyInstanceOf(OllamaException.class)
        .hasMessageContaining("web fetch");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void rejectedKeyIsAnHttpError() {
    ollama.enqueueJson(401, "{\"error\":\"unauthorized\"}");

    try (OllamaClient client = cloudClient()) {
      assertThatThrownBy(() -> client.webSearch("ollama"))
          .isInstanceOfSatisfying(
              OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(401))
          .hasMessageContaining("POST /api/web_search failed with HTTP 401: unauthorized");
    }
  }

  @Test
  void derivedClientKeepsTheCloudBaseUrl() {
    ollama.enqueueJson("{\"results\":[]}");

    try (OllamaClient parent = cloudClient();
        OllamaClient child = parent.newBuilder().build()) {
      child.webSearch("ollama");
    }

    assertThat(ollama.takeRequest().getTarget()).isEqualTo("/cloud/api/web_search");
  }

  @Test
  void invalidCloudBaseUrlIsRejectedByName() {
    assertThatThrownBy(() -> OllamaClient.builder().cloudBaseUrl("ollama.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cloudBaseUrl must be an http or https URL without credentials (user:password@), was"
                + " \"ollama.com\"");
  }
}
