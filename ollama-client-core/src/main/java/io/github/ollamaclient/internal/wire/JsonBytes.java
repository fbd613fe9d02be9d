package io.github.ollamaclient.internal.wire;

import io.github.ollamaclient.internal.json.Json;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A reader over one line of JSON in a byte array, for the {@link FastPath}: just enough to walk the
 * objects of a {@link FieldTable}, and strict, so that anything unusual makes it decline. Strings
 * are decoded exactly as Jackson decodes well-formed JSON; malformed UTF-8, control characters and
 * unknown escapes are never guessed at here, the caller declines and Jackson decides.
 */
final class JsonBytes {
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int position;
  private int end;
  private char[] chars = new char[256];

  /**
   * The last string {@link #repeatedString} made, with its closing quote, and the string; null
   * before the first.
   */
  private Expected repeatedText;

  private String repeated;

  void reset(byte[] line, int start, int stop) {
    bytes = line;
    position = start;
    end = stop;
  }

  /** Where the reader stands in the array. */
  int position() {
    return position;
  }

  /**
   * Consumes {@code expected[0, length)} if it stands exactly at the position; a template's text
   * between two values is tens of bytes, long enough for {@link Arrays#equals} to pay its set-up.
   */
  boolean take(byte[] expected, int length) {
    int p = position;
    if (end - p < length || !Arrays.equals(bytes, p, p + length, expected, 0, length)) {
      return false;
    }
    position = p + length;
    return true;
  }

  /** The next byte that is not whitespace, consumed; -1 at the end of the line. */
  int next() {
    while (position < end) {
      int b = bytes[position++];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b & 0xFF;
      }
    }
    return -1;
  }

  /**
   * What follows a member of an object: the opening quote of the next name (the comma between
   * consumed), the closing brace, or -1 for anything else, a trailing comma included.
   */
  int nextMember() {
    int c = next();
    if (c == ',') {
      return next() == '"' ? '"' : -1;
    }
    return c == '}' ? c : -1;
  }

  /** Whether only whitespace is left. */
  boolean atEnd() {
    return next() == -1;
  }

  /** Whether {@code bytes[from, from + length)} are exactly {@code expected}. */
  private boolean is(int from, int length, byte[] expected) {
    if (length != expected.length) {
      return false;
    }
    // A plain loop: the names are a few bytes, too short for Arrays.equals to pay its set-up.
    byte[] in = bytes;
    for (int i = 0; i < length; i++) {
      if (in[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Consumes {@code expected} if it stands exactly at the position (no whitespace skipped), eight
   * bytes at a time: a known name with its closing quote ({@code model"}) is matched without first
   * scanning for the end of the string.
   */
  boolean take(Expected expected) {
    if (expected.length <= 16) {
      int taken =
          take(
              expected.first,
              expected.firstMask,
              expected.second,
              expected.secondMask,
              expected.length);
      if (taken >= 0) {
        return taken == 1;
      }
    }
    if (!matches(position, expected)) {
      return false;
    }
    position += expected.length;
    return true;
  }

  /**
   * Consumes a text of up to 16 bytes given as its masked little-endian words ({@link Expected}'s
   * first two) if it stands exactly at the position. Field names and usual values are that short:
   * two masked words and no loop, since the tables' names are data, not constants the JIT could
   * fold into an unrolled loop.
   *
   * @return 1 when taken, 0 when it does not stand there, -1 when the line lies too near the end of
   *     its array to read two words (then {@link #take(Expected)} decides)
   */
  int take(long first, long firstMask, long second, long secondMask, int length) {
    int p = position;
    if (end - p < length) {
      return 0;
    }
    if (p + 16 > bytes.length) {
      return -1;
    }
    if ((((long) LITTLE_ENDIAN_LONGS.get(bytes, p) ^ first) & firstMask) != 0
        || (((long) LITTLE_ENDIAN_LONGS.get(bytes, p + 8) ^ second) & secondMask) != 0) {
      return 0;
    }
    position = p + length;
    return 1;
  }

  /** The first byte at the position, not consumed; -1 at the end of the line. */
  int peek() {
    return position < end ? bytes[position] & 0xFF : -1;
  }

  /** Whether {@code expected} stands exactly at {@code p}. */
  private boolean matches(int p, Expected expected) {
    int length = expected.length;
    if (end - p < length) {
      return false;
    }
    byte[] in = bytes;
    long[] words = expected.words;
    int last = words.length - 1;
    if (p + (last + 1) * 8 > in.length) {
      // Too near the end of the array to read whole words: compare the bytes.
      return is(p, length, expected.text);
    }
    for (int i = 0; i < last; i++) {
      if ((long) LITTLE_ENDIAN_LONGS.get(in, p + i * 8) != words[i]) {
        return false;
      }
    }
    return (((long) LITTLE_ENDIAN_LONGS.get(in, p + last * 8) ^ words[last]) & expected.lastMask)
        == 0;
  }

  /** Bytes to {@link #take}, kept as little-endian words. */
  static final class Expected {
    final byte[] text;
    final int length;
    final long[] words;
    final long lastMask;

    /** The first two words and their masks, for texts of up to 16 bytes (0 where unused). */
    final long first;

    final long firstMask;
    final long second;
    final long secondMask;

    Expected(byte[] text) {
      this.text = text;
      this.length = text.length;
      this.words = new long[Math.max(1, (text.length + 7) / 8)];
      for (int i = 0; i < text.length; i++) {
        words[i / 8] |= (text[i] & 0xFFL) << ((i % 8) * 8);
      }
      int inLast = text.length - (words.length - 1) * 8;
      this.lastMask = inLast == 8 ? -1L : (1L << (inLast * 8)) - 1;
      this.first = words[0];
      this.firstMask = words.length == 1 ? lastMask : -1L;
      this.second = words.length > 1 ? words[1] : 0;
      this.secondMask = words.length == 2 ? lastMask : words.length > 2 ? -1L : 0;
    }

    /** A name or value as it stands after its opening quote: its text, then the closing quote. */
    static Expected quoted(String text) {
      return new Expected((text + '"').getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A {@code true} or {@code false} after any whitespace, consumed; null for anything else. */
  Boolean bool() {
    int c = next();
    byte[] literal = c == 't' ? TRUE : c == 'f' ? FALSE : null;
    if (literal == null || end - position < literal.length - 1) {
      return null;
    }
    for (int i = 1; i < literal.length; i++) {
      if (bytes[position++] != literal[i]) {
        return null;
      }
    }
    return literal == TRUE ? Boolean.TRUE : Boolean.FALSE;
  }

  /**
   * Moves past a string whose opening quote was consumed, if it holds printable ASCII only and no
   * escape, and answers true; false otherwise (the position is then undefined).
   */
  boolean skipPlainString() {
    byte[] in = bytes;
    int p = position;
    // Eight bytes at a time: a string holds mostly plain bytes, and a byte loop with three tests
    // per byte was a fifth of a stream's time. The first flagged byte is always a true one; the
    // tricks below can only flag wrongly above a byte that is flagged rightly.
    for (; p <= end - 8; p += 8) {
      long word = (long) LITTLE_ENDIAN_LONGS.get(in, p);
      long quotes = word ^ 0x2222_2222_2222_2222L;
      long backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5CL;
      long flagged =
          ((quotes - 0x0101_0101_0101_0101L) & ~quotes
                  | (backslashes - 0x0101_0101_0101_0101L) & ~backslashes
                  | (word - 0x2020_2020_2020_2020L) & ~word
                  | word)
              & 0x8080_8080_8080_8080L;
      if (flagged != 0) {
        p += Long.numberOfTrailingZeros(flagged) >>> 3;
        if (in[p] == '"') {
          position = p + 1;
          return true;
        }
        return false; // an escape, a control character, or a non-ASCII byte
      }
    }
    for (; p < end; p++) {
      byte b = in[p];
      if (b == '"') {
        position = p + 1;
        return true;
      }
      if (b < 0x20 || b == '\\') {
        return false; // non-ASCII bytes are negative
      }
    }
    return false;
  }

  /**
   * A string whose opening quote was consumed, like {@link #string}, for a value that every line of
   * a stream repeats (the model's name): when it is the last one made, it is matched where it
   * stands and that string is answered, so the string is made once per stream.
   */
  String repeatedString() {
    if (repeatedText != null && take(repeatedText)) {
      return repeated;
    }
    int from = position;
    if (!skipPlainString()) {
      return decodeString(from);
    }
    byte[] text = Arrays.copyOfRange(bytes, from, position);
    repeatedText = new Expected(text);
    repeated = new String(text, 0, text.length - 1, StandardCharsets.ISO_8859_1);
    return repeated;
  }

  /** A string whose opening quote was consumed; null when it is not well-formed. */
  String string() {
    int from = position;
    if (skipPlainString()) {
      return new String(bytes, from, position - 1 - from, StandardCharsets.ISO_8859_1);
    }
    return decodeString(from);
  }

  /**
   * The string starting at {@code from} (after its opening quote), escapes and UTF-8 decoded; null
   * for anything but well-formed UTF-8 and the escapes JSON defines.
   */
  String decodeString(int from) {
    if (chars.length < end - from) {
      chars = new char[Math.max(end - from, chars.length * 2)];
    }
    char[] out = chars;
    byte[] in = bytes;
    int n = 0;
    int p = from;
    while (p < end) {
      int b = in[p++];
      if (b == '"') {
        position = p;
        return new String(out, 0, n);
      }
      if (b == '\\') {
        if (p >= end) {
          return null;
        }
        switch (in[p++]) {
          case '"':
            out[n++] = '"';
            break;
          case '\\':
            out[n++] = '\\';
            break;
          case '/':
            out[n++] = '/';
            break;
          case 'b':
            out[n++] = '\b';
            break;
          case 'f':
            out[n++] = '\f';
            break;
          case 'n':
            out[n++] = '\n';
            break;
          case 'r':
            out[n++] = '\r';
            break;
          case 't':
            out[n++] = '\t';
            break;
          case 'u':
            if (end - p < 4) {
              return null;
            }
            int unit = 0;
            for (int i = 0; i < 4; i++) {
              int digit = Character.digit(in[p++], 16);
              if (digit < 0) {
                return null;
              }
              unit = unit << 4 | digit;
            }
            out[n++] = (char) unit;
            break;
          default:
            return null;
        }
      } else if (b >= 0) {
        if (b < 0x20) {
          return null; // JSON needs control characters escaped
        }
        out[n++] = (char) b;
      } else {
        int lead = b & 0xFF;
        int needed;
        int codePoint;
        int least;
        if (lead >= 0xC2 && lead <= 0xDF) {
          needed = 1;
          codePoint = lead & 0x1F;
          least = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
          needed = 2;
          codePoint = lead & 0x0F;
          least = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
          needed = 3;
          codePoint = lead & 0x07;
          least = 0x10000;
        } else {
          return null;
        }
        if (end - p < needed) {
          return null;
        }
        for (int i = 0; i < needed; i++) {
          int next = in[p++];
          if ((next & 0xC0) != 0x80) {
            return null;
          }
          codePoint = codePoint << 6 | (next & 0x3F);
        }
        if (codePoint < least
            || codePoint > Character.MAX_CODE_POINT
            || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
          return null; // overlong, past Unicode, or a surrogate: malformed UTF-8
        }
        if (codePoint >= 0x10000) {
          out[n++] = Character.highSurrogate(codePoint);
          out[n++] = Character.lowSurrogate(codePoint);
        } else {
          out[n++] = (char) codePoint;
        }
      }
    }
    return null;
  }

  /**
   * A timestamp string whose opening quote was consumed, as {@link Json#instant(String)} reads it;
   * null when it is not plain ASCII or not a timestamp (Jackson then words the error).
   */
  Instant instant() {
    int from = position;
    if (!skipPlainString()) {
      return null;
    }
    try {
      return timestamp(from, position - 1);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The timestamp in {@code bytes[from, to)}, plain ASCII; throws as {@link Json#instant} does. */
  private Instant timestamp(int from, int to) {
    int length = to - from;
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      chars[i] = (char) bytes[from + i];
    }
    return Json.instant(chars, 0, length);
  }
}
