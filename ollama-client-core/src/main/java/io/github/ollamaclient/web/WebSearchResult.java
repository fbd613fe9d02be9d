package io.github.ollamaclient.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One hit of a web search. Every field is empty when the server did not send it.
 *
 * @param title the page title
 * @param url the page's URL
 * @param content a text extract of the page, to give a model as context
 */
public record WebSearchResult(String title, String url, String content) {

  /** Normalises absent values to empty strings. */
  public WebSearchResult {
    title = title == null ? "" : title;
    url = url == null ? "" : url;
    content = content == null ? "" : content;
  }

  @JsonCreator
  static WebSearchResult fromJson(
      @JsonProperty("title") String title,
      @JsonProperty("url") String url,
      @JsonProperty("content") String content) {
    return new WebSearchResult(title, url, content);
  }
}
