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
  private static final JsonBytes.Expected MODEL = JsonBytes.Expected.quoted("model");
  private static final JsonBytes.Expected CREATED_AT = JsonBytes.Expected.quoted("created_at");
  private static final JsonBytes.Expected DONE = JsonBytes.Expected.quoted("done");

  /** The line being read. */
  final JsonBytes in = new JsonBytes();

  /**
   * The model's name as last read, with its closing quote: each chunk repeats it, so it is matched
   * where it stands and the string is made once. Null before the first plain name.
   */
  private JsonBytes.Expected modelText;

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
      // Names are matched where they stand; a name that is none of these declines the line.
      // The first letter picks the one name to try.
      int first = in.peek();
      if (first == 'm' && in.take(MODEL)) {
        name = in.next() == ':' ? modelName() : null;
        if (name == null) {
          return null;
        }
      } else if (first == 'c' && in.take(CREATED_AT)) {
        createdAt = in.next() == ':' ? createdAt() : null;
        if (createdAt == null) {
          return null;
        }
      } else if (first == 'd' && in.take(DONE)) {
        if (in.next() != ':' || !in.literal(JsonBytes.FALSE)) {
          return null; // done: true, whose chunk carries the statistics, or not a boolean
        }
      } else if (!field(first)) {
        return null;
      }
      c = in.nextMember();
      if (c < 0) {
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
   * Reads a field of the subclass's own, its opening quote consumed and {@code first} the first
   * byte of its name: its name (with {@link JsonBytes#take}), the colon and the value; false to
   * decline the line (an unknown field, an unusual value).
   */
  abstract boolean field(int first);

  /** The chunk from the fields read. */
  abstract T chunk(String model, Instant createdAt);

  private String modelName() {
    if (in.next() != '"') {
      return null;
    }
    if (modelText != null && in.take(modelText)) {
      return model;
    }
    int from = in.position();
    if (!in.skipPlainString()) {
      return in.decodeString(from);
    }
    byte[] text = Arrays.copyOfRange(in.bytes(), from, in.position());
    modelText = new JsonBytes.Expected(text);
    model = new String(text, 0, text.length - 1, StandardCharsets.ISO_8859_1);
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
}
