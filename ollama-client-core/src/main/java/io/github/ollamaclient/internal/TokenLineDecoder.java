package io.github.ollamaclient.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The part that chat and generate streams share: the chunk each sends per token, {@code {"model":
 * ..., "created_at": ..., <the token's fields>, "done": false}}, read straight from its bytes. A
 * general JSON parser and the check for an error object cost more than all of the stream's own
 * work. Any other line (a final chunk, an unknown field, an error object, a null, malformed UTF-8)
 * is declined and goes the general way, which decodes it as before; tests hold the two ways to the
 * same answers.
 *
 * @param <T> the chunk type
 */
abstract class TokenLineDecoder<T> implements LineDecoder<T> {
  private static final byte[] MODEL = ascii("model");
  private static final byte[] CREATED_AT = ascii("created_at");
  private static final byte[] DONE = ascii("done");

  /** The line being read. */
  final JsonBytes in = new JsonBytes();

  /** The model's name as last read: each chunk repeats it, so the string is made once. */
  private byte[] modelBytes = new byte[0];

  private String model = "";

  @Override
  public final T decode(byte[] bytes, int start, int end) {
    in.reset(bytes, start, end);
    startLine();
    if (in.next() != '{') {
      return null;
    }
    String name = null;
    Instant createdAt = Instant.EPOCH;
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
      } else if (in.is(key, length, DONE)) {
        if (!in.literal(JsonBytes.FALSE)) {
          return null; // done: true, whose chunk carries the statistics, or not a boolean
        }
      } else if (!field(key, length)) {
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
    return chunk(name, createdAt);
  }

  /** Forgets the fields of the previous line. */
  abstract void startLine();

  /**
   * Reads the value of the field named {@code in.bytes()[key, key + length)}, the colon consumed;
   * false to decline the line (an unknown field, an unusual value).
   */
  abstract boolean field(int key, int length);

  /** The chunk from the fields read. */
  abstract T chunk(String model, Instant createdAt);

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

  /** A string value, its opening quote not yet read; null to decline (not a string). */
  final String string() {
    return in.next() == '"' ? in.string() : null;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
