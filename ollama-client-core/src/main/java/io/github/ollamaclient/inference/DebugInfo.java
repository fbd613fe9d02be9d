package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the server rendered instead of answering, for a chat or generate request sent with Ollama's
 * debug flag {@code _debug_render_only}: the prompt the model would have been given ({@code
 * _debug_info} in Ollama's answer).
 *
 * @param renderedTemplate the prompt with the model's template applied ({@code rendered_template})
 * @param imageCount how many images go with it ({@code image_count}); 0 when not sent
 */
public record DebugInfo(String renderedTemplate, int imageCount) {
  /** Normalises an absent template to empty text. */
  public DebugInfo {
    renderedTemplate = renderedTemplate == null ? "" : renderedTemplate;
  }

  @JsonCreator
  static DebugInfo fromJson(
      @JsonProperty("rendered_template") String renderedTemplate,
      @JsonProperty("image_count") int imageCount) {
    return new DebugInfo(renderedTemplate, imageCount);
  }
}
