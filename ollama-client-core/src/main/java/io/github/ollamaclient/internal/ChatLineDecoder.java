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
  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] ROLE = ascii("role");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] ASSISTANT = ascii("assistant");
  private static final byte[] USER = ascii("user");
  private static final byte[] TOOL = ascii("tool");
  private static final byte[] SYSTEM = ascii("system");
  private static final Optional<String> NO_TEXT = Optional.empty();

  private Message message;

  @Override
  void startLine() {
    message = null;
  }

  @Override
  boolean field(int key, int length) {
    if (!in.is(key, length, MESSAGE)) {
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
      int key = in.key();
      if (key < 0 || in.next() != ':') {
        return null;
      }
      int length = in.keyLength();
      if (in.is(key, length, ROLE)) {
        role = role();
        if (role == null) {
          return null;
        }
      } else if (in.is(key, length, CONTENT)) {
        content = string();
        if (content == null) {
          return null;
        }
      } else {
        return null;
      }
      c = in.next();
      if (c == ',') {
        c = in.next();
        if (c != '"') {
          return null;
        }
      } else if (c != '}') {
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
    int from = in.position();
    if (!in.skipPlainString()) {
      return null;
    }
    int length = in.position() - 1 - from;
    if (in.is(from, length, ASSISTANT)) {
      return Role.ASSISTANT;
    }
    if (in.is(from, length, USER)) {
      return Role.USER;
    }
    if (in.is(from, length, TOOL)) {
      return Role.TOOL;
    }
    return in.is(from, length, SYSTEM) ? Role.SYSTEM : null;
  }
}
