package io.github.ollamaclient.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST https://ollama.com/api/web_fetch}, and of the server's relay {@code
 * POST /api/experimental/web_fetch}: one page as text.
 *
 * @param title the page title; empty when not sent
 * @param content the page's text; empty when not sent
 * @param links the URLs the page links to; empty when none
 */
public record WebFetchResponse(String title, String content, List<String> links) {

  /** Normalises absent values: empty strings and list. */
  public WebFetchResponse {
    title = title == null ? "" : title;
    content = content == null ? "" : content;
    links = links == null ? List.of() : List.copyOf(links);
  }

  @JsonCreator
  static WebFetchResponse fromJson(
      @JsonProperty("title") String title,
      @JsonProperty("content") String content,
      @JsonProperty("links") List<String> links) {
    return new WebFetchResponse(title, content, links);
  }
}
