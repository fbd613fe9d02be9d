package io.github.ollamaclient.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.github.ollamaclient.internal.AnswerFields;
import io.github.ollamaclient.internal.Tokens;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Hand-written deserializers of {@link ChatResponse}, {@link Message} and {@link ToolCall}: a chat
 * stream decodes one chunk per token, and reading the fields straight from the parser avoids the
 * argument buffers of {@code @JsonCreator} binding. They decode exactly as the records' creators
 * did: unknown fields are skipped, absent ones get the records' defaults.
 */
final class ChatDecoding {
  private static final Optional<String> NO_TEXT = Optional.empty();

  private ChatDecoding() {}

  /** {@code /api/chat}'s answer or chunk. */
  static final class ResponseDeserializer extends StdDeserializer<ChatResponse> {
    private static final long serialVersionUID = 1L;

    ResponseDeserializer() {
      super(ChatResponse.class);
    }

    @Override
    public ChatResponse deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      AnswerFields shared = new AnswerFields();
      Message message = null;
      for (JsonToken token = Tokens.enterObject(parser, context, ChatResponse.class);
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("message")) {
          message = parser.currentToken() == JsonToken.VALUE_NULL ? null : message(parser, context);
        } else if (!shared.read(name, parser, context)) {
          parser.skipChildren();
        }
      }
      return new ChatResponse(
          shared.model(),
          shared.createdAt(),
          message,
          shared.done(),
          shared.doneReason(),
          shared.metrics(),
          shared.logprobs());
    }
  }

  /** A message, wherever one is decoded. */
  static final class MessageDeserializer extends StdDeserializer<Message> {
    private static final long serialVersionUID = 1L;

    MessageDeserializer() {
      super(Message.class);
    }

    @Override
    public Message deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return message(parser, context);
    }
  }

  static Message message(JsonParser parser, DeserializationContext context) throws IOException {
    Role role = null;
    String content = null;
    String thinking = null;
    List<String> images = null;
    List<ToolCall> toolCalls = null;
    String toolName = null;
    for (JsonToken token = Tokens.enterObject(parser, context, Message.class);
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "role":
          role = role(parser, context);
          break;
        case "content":
          content = Tokens.string(parser, context);
          break;
        case "thinking":
          thinking = Tokens.string(parser, context);
          break;
        case "images":
          images = Tokens.list(parser, context, String.class);
          break;
        case "tool_calls":
          toolCalls = Tokens.list(parser, context, ToolCall.class);
          break;
        case "tool_name":
          toolName = Tokens.string(parser, context);
          break;
        default:
          parser.skipChildren();
      }
    }
    return new Message(
        role == null ? Role.ASSISTANT : role,
        content,
        thinking == null ? NO_TEXT : Optional.of(thinking),
        Message.decodeImages(images),
        toolCalls,
        toolName == null ? NO_TEXT : Optional.of(toolName));
  }

  /**
   * The role, matched against the four known names in the parser's buffer so that no string is made
   * for them; null for an absent or blank role, which {@link Message} reads as the assistant.
   */
  private static Role role(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      char[] chars = parser.getTextCharacters();
      int offset = parser.getTextOffset();
      int length = parser.getTextLength();
      Role known =
          matches(chars, offset, length, "assistant")
              ? Role.ASSISTANT
              : matches(chars, offset, length, "user")
                  ? Role.USER
                  : matches(chars, offset, length, "tool")
                      ? Role.TOOL
                      : matches(chars, offset, length, "system") ? Role.SYSTEM : null;
      if (known != null) {
        return known;
      }
    }
    String role = Tokens.string(parser, context);
    return role == null || role.isBlank() ? null : Role.of(role);
  }

  private static boolean matches(char[] chars, int offset, int length, String name) {
    if (length != name.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (chars[offset + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A tool call: {@code {"id": ..., "function": {...}}}. */
  static final class ToolCallDeserializer extends StdDeserializer<ToolCall> {
    private static final long serialVersionUID = 1L;

    ToolCallDeserializer() {
      super(ToolCall.class);
    }

    @Override
    public ToolCall deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String id = null;
      JsonNode function = null;
      for (JsonToken token = Tokens.enterObject(parser, context, ToolCall.class);
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "id":
            id = Tokens.string(parser, context);
            break;
          case "function":
            function = Tokens.tree(parser, context);
            break;
          default:
            parser.skipChildren();
        }
      }
      return ToolCall.decode(id, function);
    }
  }
}
