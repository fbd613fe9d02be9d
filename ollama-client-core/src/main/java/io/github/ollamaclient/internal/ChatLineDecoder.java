package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * A chat stream's chunk per token, {@code "message": {"role": ..., "content": ...}} beside the
 * model, time and {@code done: false}, read straight from its bytes (see {@link TokenLineDecoder}).
 * Thinking, tool calls, images and any other field go the general way.
 */
public final class ChatLineDecoder extends TokenLineDecoder<ChatResponse> {
  private static final JsonBytes.Expected MESSAGE = JsonBytes.Expected.quoted("message");
  private static final JsonBytes.Expected ROLE = JsonBytes.Expected.quoted("role");
  private static final JsonBytes.Expected CONTENT = JsonBytes.Expected.quoted("content");
  private static final JsonBytes.Expected ASSISTANT = JsonBytes.Expected.quoted("assistant");
  private static final JsonBytes.Expected USER = JsonBytes.Expected.quoted("user");
  private static final JsonBytes.Expected TOOL = JsonBytes.Expected.quoted("tool");
  private static final JsonBytes.Expected SYSTEM = JsonBytes.Expected.quoted("system");
  private static final Optional<String> NO_TEXT = Optional.empty();

  private Message message;

  @Override
  void startLine() {
    message = null;
  }

  @Override
  boolean field(int first) {
    if (first != 'm' || !in.take(MESSAGE) || in.next() != ':') {
      return false;
    }
    message = message();
    return message != null;
  }

  @Override
  ChatResponse chunk(String model, Instant createdAt) {
    return new ChatResponse(model, createdAt, message, false, NO_TEXT, Optional.empty(), null);
  }

  private Message message() {
    if (in.next() != '{') {
      return null;
    }
    Role role = Role.ASSISTANT;
    String content = null;
    int c = in.next();
    while (c == '"') {
      int first = in.peek();
      if (first == 'r' && in.take(ROLE)) {
        role = in.next() == ':' ? role() : null;
        if (role == null) {
          return null;
        }
      } else if (first == 'c' && in.take(CONTENT)) {
        content = in.next() == ':' ? string() : null;
        if (content == null) {
          return null;
        }
      } else {
        return null;
      }
      c = in.nextMember();
      if (c < 0) {
        return null;
      }
    }
    if (c != '}') {
      return null;
    }
    return new Message(role, content, NO_TEXT, null, null, NO_TEXT);
  }

  /** One of the four known roles; null (declined) for any other. */
  private Role role() {
    if (in.next() != '"') {
      return null;
    }
    if (in.take(ASSISTANT)) {
      return Role.ASSISTANT;
    }
    if (in.take(USER)) {
      return Role.USER;
    }
    if (in.take(TOOL)) {
      return Role.TOOL;
    }
    return in.take(SYSTEM) ? Role.SYSTEM : null;
  }
}
