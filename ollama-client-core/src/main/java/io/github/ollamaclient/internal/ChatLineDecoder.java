package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the chunk a chat stream sends for each token, {@code {"model": ..., "created_at": ...,
 * "message": {"role": ..., "content": ...}, "done": false}}, straight from its bytes: a general
 * JSON parser and the check for an error object cost more than all of the stream's own work. Any
 * other line (a final chunk, thinking, tool calls, images, an unknown field, an error object, a
 * null, malformed UTF-8) is declined and goes the general way, which decodes it as before; tests
 * hold the two ways to the same answers.
 */
public final class ChatLineDecoder implements LineDecoder<ChatResponse> {
  private static final byte[] MODEL = ascii("model");
  private static final byte[] CREATED_AT = ascii("created_at");
  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] DONE = ascii("done");
  private static final byte[] ROLE = ascii("role");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] ASSISTANT = ascii("assistant");
  private static final byte[] USER = ascii("user");
  private static final byte[] TOOL = ascii("tool");
  private static final byte[] SYSTEM = ascii("system");
  private static final Optional<String> NO_TEXT = Optional.empty();

  private final JsonBytes in = new JsonBytes();

  /** The model's name as last read: each chunk repeats it, so the string is made once. */
  private byte[] modelBytes = new byte[0];

  private String model = "";

  @Override
  public ChatResponse decode(byte[] bytes, int start, int end) {
    in.reset(bytes, start, end);
    if (in.next() != '{') {
      return null;
    }
    String name = null;
    Instant createdAt = Instant.EPOCH;
    Message message = null;
    int c = in.next();
    while (c == '"') {
      int key = in.key();
      if (key < 0 || in.next() != ':') {
        return null;
      }
      int length = in.keyLength();
      if (in.is(key, length, MODEL)) {
        name = modelName();
        if (name == null) {
          return null;
        }
      } else if (in.is(key, length, CREATED_AT)) {
        createdAt = createdAt();
        if (createdAt == null) {
          return null;
        }
      } else if (in.is(key, length, MESSAGE)) {
        message = message();
        if (message == null) {
          return null;
        }
      } else if (!in.is(key, length, DONE) || !in.literal(JsonBytes.FALSE)) {
        // An unknown field, or done: true, whose chunk carries the statistics.
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
    if (c != '}' || !in.atEnd()) {
      return null;
    }
    return new ChatResponse(name, createdAt, message, false, NO_TEXT, Optional.empty(), null);
  }

  private String modelName() {
    if (in.next() != '"') {
      return null;
    }
    int from = in.position();
    if (!in.skipPlainString()) {
      return in.decodeString(from);
    }
    int length = in.position() - 1 - from;
    if (!in.is(from, length, modelBytes)) {
      modelBytes = Arrays.copyOfRange(in.bytes(), from, from + length);
      model = new String(modelBytes, StandardCharsets.ISO_8859_1);
    }
    return model;
  }

  private Instant createdAt() {
    if (in.next() != '"') {
      return null;
    }
    int from = in.position();
    if (!in.skipPlainString()) {
      return null;
    }
    try {
      return in.instant(from, in.position() - 1);
    } catch (RuntimeException e) {
      return null; // not a timestamp: the general way words the error
    }
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
        content = in.next() == '"' ? in.string() : null;
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

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
