package io.github.ollamaclient.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST https://ollama.com/api/web_search}, and of the server's relay {@code
 * POST /api/experimental/web_search}.
 *
 * @param results the hits, best first; empty when nothing matched
 */
public record WebSearchResponse(List<WebSearchResult> results) {

  /** Normalises an absent list to an empty one. */
  public WebSearchResponse {
    results = results == null ? List.of() : List.copyOf(results);
  }

  @JsonCreator
  static WebSearchResponse fromJson(@JsonProperty("results") List<WebSearchResult> results) {
    return new WebSearchResponse(results);
  }
}
