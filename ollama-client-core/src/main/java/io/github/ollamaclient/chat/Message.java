package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a conversation: sent in {@link ChatRequest#messages()}, and received as {@link
 * ChatResponse#message()}.
 *
 * <pre>{@code
 * List<Message> history = new ArrayList<>(List.of(
 *     Message.system("Answer in one sentence."),
 *     Message.user("Why is the sky blue?")));
 * ChatResponse reply = client.chat(ChatRequest.builder("llama3.2").messages(history).build());
 * history.add(reply.message());   // keep the answer, tool calls included, for the next turn
 * }</pre>
 *
 * <p>Absent fields are not sent: {@code thinking}, {@code images}, {@code tool_calls}, {@code
 * tool_name} and {@code tool_call_id} appear in the JSON only when present or non-empty; {@code
 * role} and {@code content} always do.
 *
 * <p>Read from Ollama's JSON by its own creator, {@link #fromJson}, from a private class with a
 * field for each member, and written in the order of {@code @JsonPropertyOrder} (without it, the
 * order of the JVM's methods, which differs between compilations).
 *
 * @param role who wrote it
 * @param content the text; empty, never null, when there is none (a message with only tool calls)
 * @param thinking the model's thinking, apart from the answer, when {@code think} was on
 * @param images images for a multimodal model (on user messages)
 * @param toolCalls the functions the model asks to call (on assistant messages)
 * @param toolName on a {@link Role#TOOL} message, the function whose result this is ({@code
 *     tool_name})
 * @param toolCallId on a {@link Role#TOOL} message, the {@link ToolCall#id() id} of the call it
 *     answers ({@code tool_call_id}), so that the model can tell apart two calls of one function
 */
@JsonPropertyOrder({
  "role",
  "content",
  "thinking",
  "images",
  "tool_calls",
  "tool_name",
  "tool_call_id"
})
public record Message(
    Role role,
    String content,
    Optional<String> thinking,
    List<Image> images,
    List<ToolCall> toolCalls,
    Optional<String> toolName,
    Optional<String> toolCallId) {

  /** Normalises absent values: empty text, empty optionals, unmodifiable lists. */
  public Message {
    Objects.requireNonNull(role, "role");
    content = content == null ? "" : content;
    thinking = thinking == null ? Optional.empty() : thinking;
    images = images == null ? List.of() : List.copyOf(images);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    toolName = toolName == null ? Optional.empty() : toolName;
    toolCallId = toolCallId == null ? Optional.empty() : toolCallId;
  }

  /** A message that answers no particular tool call: every field but {@code tool_call_id}. */
  public Message(
      Role role,
      String content,
      Optional<String> thinking,
      List<Image> images,
      List<ToolCall> toolCalls,
      Optional<String> toolName) {
    this(role, content, thinking, images, toolCalls, toolName, Optional.empty());
  }

  /**
   * A message as Ollama sends it: the wire format of this record. No role is an assistant's; the
   * images are base64.
   *
   * @throws OllamaProtocolException when an image is not base64
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Message fromJson(Wire wire) {
    return new Message(
        wire.role == null || wire.role.isBlank() ? Role.ASSISTANT : Role.of(wire.role),
        wire.content,
        Optional.ofNullable(wire.thinking),
        wire.images == null ? null : decodeImages(wire.images),
        wire.toolCalls,
        Optional.ofNullable(wire.toolName),
        Optional.ofNullable(wire.toolCallId));
  }

  /**
   * Ollama's members of a message, set one by one as they come: an absent one is left null, where a
   * creator's parameter costs Jackson a lookup of its absent value in every chunk of a stream.
   */
  private static final class Wire {
    @JsonProperty("role")
    String role;

    @JsonProperty("content")
    String content;

    @JsonProperty("thinking")
    String thinking;

    @JsonProperty("images")
    List<String> images;

    @JsonProperty("tool_calls")
    List<ToolCall> toolCalls;

    @JsonProperty("tool_name")
    String toolName;

    @JsonProperty("tool_call_id")
    String toolCallId;
  }

  private static List<Image> decodeImages(List<String> images) {
    List<Image> decoded = new ArrayList<>(images.size());
    for (String image : images) {
      try {
        decoded.add(Image.fromBase64(Objects.requireNonNull(image, "image")));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new OllamaProtocolException(
            "message image " + decoded.size() + " is not base64: " + e.getMessage(), e);
      }
    }
    return decoded;
  }

  /** A {@code system} message: instructions for the whole conversation. */
  public static Message system(String text) {
    return of(Role.SYSTEM, text);
  }

  /** A {@code user} message. */
  public static Message user(String text) {
    return of(Role.USER, text);
  }

  /**
   * A {@code user} message with images, for a multimodal model such as {@code llava}.
   *
   * <pre>{@code
   * Message.user("What is in this image?", Image.fromPath(Path.of("pig.png")))
   * }</pre>
   */
  public static Message user(String text, Image... images) {
    Objects.requireNonNull(images, "images");
    return new Message(
        Role.USER,
        Objects.requireNonNull(text, "content"),
        Optional.empty(),
        List.of(images),
        List.of(),
        Optional.empty());
  }

  /** An {@code assistant} message, for a history written by hand (few-shot examples). */
  public static Message assistant(String text) {
    return of(Role.ASSISTANT, text);
  }

  /**
   * A {@code tool} message: the result of the tool call named {@code toolName}, sent back so the
   * model can use it.
   *
   * @throws IllegalArgumentException when the tool name is blank
   */
  public static Message tool(String toolName, String content) {
    Checks.requireText(toolName, "toolName");
    return new Message(
        Role.TOOL,
        Objects.requireNonNull(content, "content"),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(toolName));
  }

  /**
   * A {@code tool} message answering {@code call}, one of the {@link #toolCalls()} the model asked
   * for: it names the call's function and, when the server gave the call an id, the id ({@code
   * tool_call_id}), so that the answers of several calls, even of one function, are told apart.
   *
   * <pre>{@code
   * for (ToolCall call : reply.message().toolCalls()) {
   *   history.add(Message.tool(call, weather(call.arguments(City.class))));
   * }
   * }</pre>
   */
  public static Message tool(ToolCall call, String content) {
    Objects.requireNonNull(call, "call");
    return new Message(
        Role.TOOL,
        Objects.requireNonNull(content, "content"),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.of(call.name()),
        call.id());
  }

  private static Message of(Role role, String text) {
    return new Message(
        role,
        Objects.requireNonNull(text, "content"),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty());
  }

  /**
   * The content parsed as JSON into the caller's type: the answer to a request with a {@link
   * io.github.ollamaclient.inference.Format} (structured outputs). Unknown fields are ignored.
   *
   * <pre>{@code
   * record Person(int age, boolean available) {}
   * Person person = reply.message().contentAs(Person.class);
   * }</pre>
   *
   * @throws OllamaProtocolException with a preview of the content when it is not JSON of that shape
   */
  public <T> T contentAs(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Json.parseAs(content, type, "chat message content");
  }

  @JsonProperty("role")
  private String wireRole() {
    return role.value();
  }

  @JsonProperty("content")
  private String wireContent() {
    return content;
  }

  @JsonProperty("thinking")
  private String wireThinking() {
    return thinking.orElse(null);
  }

  @JsonProperty("images")
  private List<Image> wireImages() {
    return images.isEmpty() ? null : images;
  }

  @JsonProperty("tool_calls")
  private List<ToolCall> wireToolCalls() {
    return toolCalls.isEmpty() ? null : toolCalls;
  }

  @JsonProperty("tool_name")
  private String wireToolName() {
    return toolName.orElse(null);
  }

  @JsonProperty("tool_call_id")
  private String wireToolCallId() {
    return toolCallId.orElse(null);
  }
}
