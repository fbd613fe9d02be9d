package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Chooses which scripted {@link Reply} answers a request, by its prompt: the {@code prompt} of a
 * generate request or the last {@code user} message of a chat (see {@link
 * RecordedRequest#userText()}).
 *
 * <pre>{@code
 * ollama.model("llama3.2")
 *     .reply(PromptMatcher.contains("weather"), Reply.toolCall("get_weather", Map.of("city", "Tokyo")))
 *     .reply(Reply.text("I can only talk about the weather."));
 * }</pre>
 */
@FunctionalInterface
public interface PromptMatcher {
  /** Whether {@code request} should get the reply this matcher guards. */
  boolean matches(RecordedRequest request);

  /** Prompts containing {@code text}, ignoring case. */
  static PromptMatcher contains(String text) {
    Objects.requireNonNull(text, "text");
    String needle = text.toLowerCase(java.util.Locale.ROOT);
    return request -> request.userText().toLowerCase(java.util.Locale.ROOT).contains(needle);
  }

  /** Prompts in which the regular expression {@code regex} finds a match. */
  static PromptMatcher regex(String regex) {
    Pattern pattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
    return request -> pattern.matcher(request.userText()).find();
  }

  /**
   * Chats whose last message is a tool result (role {@code tool}): the second half of a tool round
   * trip. Put this rule before the one that answers with the tool call, since the last user message
   * of that conversation still matches the first rule.
   *
   * <pre>{@code
   * ollama.model("llama3.2")
   *     .reply(PromptMatcher.toolResult(), Reply.text("It is sunny in Paris."))
   *     .reply(PromptMatcher.contains("weather"), Reply.toolCall("get_weather", Map.of("city", "Paris")));
   * }</pre>
   */
  static PromptMatcher toolResult() {
    return request -> lastMessageIsToolResult(request, null);
  }

  /** Chats whose last message is the result of the tool {@code toolName} ({@code tool_name}). */
  static PromptMatcher toolResult(String toolName) {
    Objects.requireNonNull(toolName, "toolName");
    return request -> lastMessageIsToolResult(request, toolName);
  }

  private static boolean lastMessageIsToolResult(RecordedRequest request, String toolName) {
    List<JsonNode> messages = request.messages();
    if (messages.isEmpty()) {
      return false;
    }
    JsonNode last = messages.get(messages.size() - 1);
    return "tool".equals(last.path("role").asText())
        && (toolName == null || toolName.equals(last.path("tool_name").asText()));
  }

  /** Prompts that {@code predicate} accepts. */
  static PromptMatcher prompt(Predicate<String> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return request -> predicate.test(request.userText());
  }
}
