package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@code /api/chat}'s answers read: the fields of a {@link ChatResponse}, its {@link Message}
 * and a {@link ToolCall}, each declared once for Jackson and the stream's fast path alike.
 *
 * <p>A new field of Ollama's goes into the table of its object here (and its record); the contract
 * tests fail when the testkit or a request spells it differently from Ollama's API description.
 */
public final class ChatWire {
  private static final Optional<String> NO_TEXT = Optional.empty();

  /** The fields of a message, wherever one is read. */
  static final FieldTable<MessageParts> MESSAGE =
      new FieldTable<>(
          Message.class,
          List.of(
              Field.choice(
                  "role",
                  role -> role == null || role.isBlank() ? null : Role.of(role),
                  (parts, role) -> parts.role = role,
                  "assistant",
                  "user",
                  "tool",
                  "system"),
              Field.string("content", (parts, value) -> parts.content = value),
              Field.string("thinking", (parts, value) -> parts.thinking = value),
              Field.tokens(
                  "images",
                  (parser, context, parts) ->
                      parts.images = Tokens.list(parser, context, String.class)),
              Field.tokens(
                  "tool_calls",
                  (parser, context, parts) ->
                      parts.toolCalls = Tokens.list(parser, context, ToolCall.class)),
              Field.string("tool_name", (parts, value) -> parts.toolName = value),
              Field.string("tool_call_id", (parts, value) -> parts.toolCallId = value)));

  /** The fields of {@code /api/chat}'s answer or chunk. */
  static final FieldTable<ResponseParts> RESPONSE =
      new FieldTable<>(
          ChatResponse.class,
          AnswerParts.FIELDS,
          List.of(
              Field.object(
                  "message", MESSAGE, ResponseParts::openMessage, ResponseParts::noMessage)));

  /** The fields of a tool call: {@code {"id": ..., "function": {...}}}. */
  private static final FieldTable<ToolCallParts> TOOL_CALL =
      new FieldTable<>(
          ToolCall.class,
          List.of(
              Field.string("id", (parts, value) -> parts.id = value),
              Field.tokens(
                  "function",
                  (parser, context, parts) -> parts.function = Tokens.tree(parser, context))));

  private ChatWire() {}

  /** A fresh fast path for one chat stream's per-token chunks. */
  public static LineDecoder<ChatResponse> fastPath() {
    return new FastPath<>(RESPONSE, new ResponseParts());
  }

  /** Reads {@code /api/chat}'s answer or chunk. */
  public static final class ResponseDeserializer
      extends TableDeserializer<ResponseParts, ChatResponse> {
    private static final long serialVersionUID = 1L;

    /** Jackson makes it from {@link ChatResponse}'s annotation. */
    public ResponseDeserializer() {
      super(ChatResponse.class, RESPONSE, ResponseParts::new);
    }
  }

  /** Reads a message, wherever one is decoded. */
  public static final class MessageDeserializer extends TableDeserializer<MessageParts, Message> {
    private static final long serialVersionUID = 1L;

    /** Jackson makes it from {@link Message}'s annotation. */
    public MessageDeserializer() {
      super(Message.class, MESSAGE, MessageParts::new);
    }
  }

  /** Reads a tool call. */
  public static final class ToolCallDeserializer
      extends TableDeserializer<ToolCallParts, ToolCall> {
    private static final long serialVersionUID = 1L;

    /** Jackson makes it from {@link ToolCall}'s annotation. */
    public ToolCallDeserializer() {
      super(ToolCall.class, TOOL_CALL, ToolCallParts::new);
    }
  }

  /** A chat answer's fields as read. */
  static final class ResponseParts extends AnswerParts implements Parts<ChatResponse> {
    /** Reused from line to line; present only while {@link #hasMessage}. */
    private MessageParts message;

    private boolean hasMessage;

    MessageParts openMessage() {
      if (message == null) {
        message = new MessageParts();
      } else {
        message.clear();
      }
      hasMessage = true;
      return message;
    }

    void noMessage() {
      hasMessage = false;
    }

    @Override
    public void clear() {
      super.clear();
      hasMessage = false;
    }

    @Override
    public ChatResponse build() {
      return new ChatResponse(
          model(),
          createdAt(),
          hasMessage ? message.build() : null,
          done(),
          doneReason(),
          metrics(),
          logprobs(),
          remote());
    }
  }

  /** A message's fields as read. */
  static final class MessageParts implements Parts<Message> {
    private Role role;
    private String content;
    private String thinking;
    private List<String> images;
    private List<ToolCall> toolCalls;
    private String toolName;
    private String toolCallId;

    @Override
    public void clear() {
      role = null;
      content = null;
      thinking = null;
      images = null;
      toolCalls = null;
      toolName = null;
      toolCallId = null;
    }

    @Override
    public Message build() {
      return new Message(
          role == null ? Role.ASSISTANT : role,
          content,
          thinking == null ? NO_TEXT : Optional.of(thinking),
          images(images),
          toolCalls,
          toolName == null ? NO_TEXT : Optional.of(toolName),
          toolCallId == null ? NO_TEXT : Optional.of(toolCallId));
    }

    /**
     * Decodes the base64 images of a received message; null when it had none, which {@link Message}
     * turns into its shared empty list (an empty list here would be copied again).
     *
     * @throws OllamaProtocolException when one is not base64
     */
    private static List<Image> images(List<String> images) {
      if (images == null) {
        return null;
      }
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
  }

  /** A tool call's fields as read. */
  static final class ToolCallParts implements Parts<ToolCall> {
    private String id;
    private JsonNode function;

    @Override
    public void clear() {
      id = null;
      function = null;
    }

    /**
     * The tool call.
     *
     * @throws OllamaProtocolException when {@code function} is missing or its arguments are not a
     *     JSON object
     */
    @Override
    public ToolCall build() {
      if (function == null || !function.isObject()) {
        throw new OllamaProtocolException("tool call without a \"function\" object: " + function);
      }
      JsonNode name = function.get("name");
      JsonNode index = function.get("index");
      return new ToolCall(
          Optional.ofNullable(id),
          name != null && name.isTextual() ? name.asText() : "",
          index != null && index.canConvertToInt() && index.isIntegralNumber()
              ? OptionalInt.of(index.asInt())
              : OptionalInt.empty(),
          arguments(name == null ? "" : name.asText(), function.get("arguments")));
    }

    /**
     * Ollama sends the arguments as an object; OpenAI-style servers and some proxies send them as a
     * JSON-encoded string. Both are accepted, and the string is parsed.
     */
    private static JsonNode arguments(String name, JsonNode arguments) {
      if (arguments == null || arguments.isNull()) {
        return Json.object();
      }
      if (arguments.isObject()) {
        return arguments;
      }
      if (arguments.isTextual()) {
        String text = arguments.asText();
        if (text.isBlank()) {
          return Json.object();
        }
        try {
          JsonNode parsed = WireJson.MAPPER.readTree(text);
          if (parsed != null && parsed.isObject()) {
            return parsed;
          }
        } catch (JsonProcessingException e) {
          throw new OllamaProtocolException(
              "arguments of tool call \"" + name + "\" are not JSON: " + e.getOriginalMessage(), e);
        }
      }
      throw new OllamaProtocolException(
          "arguments of tool call \"" + name + "\" are not a JSON object: " + arguments);
    }
  }
}
