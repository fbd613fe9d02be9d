package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the fake model answers to a chat or generate request: text streamed token by token, optional
 * thinking sent before it, tool calls, and a JSON answer for requests with {@code format}.
 *
 * <p>Immutable: every {@code with...} method returns a new reply.
 *
 * <pre>{@code
 * Reply.text("The sky is blue.")
 *     .withThinking("Rayleigh scattering...")
 *     .withTokenSize(3)
 *     .withTokenDelay(Duration.ofMillis(20));
 * Reply.toolCall("get_weather", Map.of("city", "Tokyo"));
 * Reply.json("{\"age\": 22, \"available\": true}");
 * }</pre>
 */
public final class Reply {
  /** Characters per streamed token unless {@link #withTokenSize(int)} says otherwise. */
  public static final int DEFAULT_TOKEN_SIZE = 4;

  private final String text;
  private final String thinking;
  private final String json;
  private final List<ToolCall> toolCalls;
  private final int tokenSize;
  private final Duration tokenDelay;
  private final String doneReason;

  private Reply(
      String text,
      String thinking,
      String json,
      List<ToolCall> toolCalls,
      int tokenSize,
      Duration tokenDelay,
      String doneReason) {
    this.text = text;
    this.thinking = thinking;
    this.json = json;
    this.toolCalls = List.copyOf(toolCalls);
    this.tokenSize = tokenSize;
    this.tokenDelay = tokenDelay;
    this.doneReason = doneReason;
  }

  /**
   * A reply whose content is {@code text}, streamed {@value #DEFAULT_TOKEN_SIZE} characters a
   * chunk.
   */
  public static Reply text(String text) {
    return new Reply(
        Objects.requireNonNull(text, "text"),
        "",
        null,
        List.of(),
        DEFAULT_TOKEN_SIZE,
        Duration.ZERO,
        "stop");
  }

  /**
   * A reply whose content is the JSON document {@code json}, used both for plain requests and for
   * requests with {@code format}.
   *
   * @throws IllegalArgumentException when {@code json} does not parse
   */
  public static Reply json(String json) {
    return text(json).withJson(json);
  }

  /** A reply that only calls the tool {@code name} with {@code arguments} (a JSON object). */
  public static Reply toolCall(String name, Map<String, ?> arguments) {
    return text("").withToolCall(name, arguments);
  }

  /** The same reply with {@code text} as content. */
  public Reply withText(String text) {
    return new Reply(
        Objects.requireNonNull(text, "text"),
        thinking,
        json,
        toolCalls,
        tokenSize,
        tokenDelay,
        doneReason);
  }

  /**
   * The same reply with thinking text, streamed in {@code thinking} (generate) or {@code
   * message.thinking} (chat) before the content, unless the request says {@code "think": false}.
   */
  public Reply withThinking(String thinking) {
    return new Reply(
        text,
        Objects.requireNonNull(thinking, "thinking"),
        json,
        toolCalls,
        tokenSize,
        tokenDelay,
        doneReason);
  }

  /**
   * The same reply with {@code json} as the content sent to requests that carry {@code format}
   * (requests without it still get the text).
   *
   * @throws IllegalArgumentException when {@code json} does not parse
   */
  public Reply withJson(String json) {
    Objects.requireNonNull(json, "json");
    try {
      Wire.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Reply(text, thinking, json, toolCalls, tokenSize, tokenDelay, doneReason);
  }

  /**
   * The same reply plus a call of the tool {@code name} with {@code arguments}; the call gets a
   * generated {@code id} and its position as {@code function.index}.
   */
  public Reply withToolCall(String name, Map<String, ?> arguments) {
    return withToolCall(
        "call_" + Wire.sha256Hex(name + "#" + toolCalls.size()).substring(0, 8), name, arguments);
  }

  /** The same reply plus a call of the tool {@code name} with an explicit call {@code id}. */
  public Reply withToolCall(String id, String name, Map<String, ?> arguments) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arguments, "arguments");
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    List<ToolCall> calls = new ArrayList<>(toolCalls);
    calls.add(new ToolCall(id, name, Wire.JSON.valueToTree(arguments)));
    return new Reply(text, thinking, json, calls, tokenSize, tokenDelay, doneReason);
  }

  /** The same reply streamed {@code characters} characters per chunk (default 4). */
  public Reply withTokenSize(int characters) {
    if (characters < 1) {
      throw new IllegalArgumentException("tokenSize must be at least 1, was " + characters);
    }
    return new Reply(text, thinking, json, toolCalls, characters, tokenDelay, doneReason);
  }

  /** The same reply with {@code delay} before each streamed chunk after the first (default 0). */
  public Reply withTokenDelay(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("tokenDelay must not be negative, was " + delay);
    }
    return new Reply(text, thinking, json, toolCalls, tokenSize, delay, doneReason);
  }

  /** The same reply ending with {@code done_reason} {@code reason} (default {@code stop}). */
  public Reply withDoneReason(String reason) {
    if (Objects.requireNonNull(reason, "reason").isBlank()) {
      throw new IllegalArgumentException("doneReason must not be blank");
    }
    return new Reply(text, thinking, json, toolCalls, tokenSize, tokenDelay, reason);
  }

  /** The content text ({@code ""} for a reply that only calls tools). */
  public String text() {
    return text;
  }

  /** The thinking text, {@code ""} when none. */
  public String thinking() {
    return thinking;
  }

  /** The JSON content for requests with {@code format}, when set. */
  public Optional<String> json() {
    return Optional.ofNullable(json);
  }

  /** The tool calls, in order; empty when none. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /** Characters per streamed chunk. */
  public int tokenSize() {
    return tokenSize;
  }

  /** The pause before each chunk after the first. */
  public Duration tokenDelay() {
    return tokenDelay;
  }

  /** The final chunk's {@code done_reason}. */
  public String doneReason() {
    return doneReason;
  }

  @Override
  public String toString() {
    return "Reply{text="
        + text
        + (thinking.isEmpty() ? "" : ", thinking=" + thinking)
        + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls)
        + "}";
  }

  /**
   * One tool call in a reply, sent as {@code {"id", "function": {"index", "name", "arguments"}}}.
   *
   * @param id the call id, such as {@code call_0a1b2c3d}
   * @param name the function name
   * @param arguments the arguments, a JSON object
   */
  public record ToolCall(String id, String name, JsonNode arguments) {
    /** Checks that every part is present. */
    public ToolCall {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
    }
  }
}
