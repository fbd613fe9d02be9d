package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import okio.BufferedSource;

/**
 * Decodes an {@code /api/embed} answer with its {@code embeddings} read straight from the body's
 * bytes. An answer is a few hundred thousand numbers and a handful of other fields; a general JSON
 * tokenizer spends far more per number than the conversion to {@code float} itself, so the numbers
 * are scanned here in one pass, and everything else in the object is handed, as the bytes it came
 * in, to Jackson, which judges those fields exactly as it does for any other answer.
 *
 * <p>Numbers are converted exactly: the digits and the power of ten are each exact in a {@code
 * double}, so one multiply or divide rounds once; the second rounding, to {@code float}, can only
 * differ from a direct one when the {@code double} lands exactly on the midpoint of two floats, and
 * those (and numbers of more than 19 digits or large exponents) go to {@link Float#parseFloat}.
 */
public final class EmbedBodyDecoder {
  private static final ObjectReader FIELDS = Json.MAPPER.readerFor(EmbedResponse.class);
  private static final byte[] EMBEDDINGS_KEY = "\"embeddings\"".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** 10^0 to 10^22: every one exact in a {@code double}. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  /** 10^0 to 10^15, then the same negated from index 16: dividing by them applies the sign. */
  private static final double[] SIGNED_POWERS_OF_TEN = new double[32];

  static {
    for (int i = 0; i < 16; i++) {
      SIGNED_POWERS_OF_TEN[i] = POWERS_OF_TEN[i];
      SIGNED_POWERS_OF_TEN[16 + i] = -POWERS_OF_TEN[i];
    }
  }

  /** 10^0 to 10^8 as longs, to shift digits read eight at a time. */
  private static final long[] LONG_POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Longer numbers than this are read by the slow path, which gathers them across refills. */
  private static final int LONGEST_FAST_NUMBER = 64;

  /** The bytes made available before {@link #fastLane} runs, so it runs for a while. */
  private static final int LANE_WINDOW = 1024;

  /** A {@code '0'} in every byte: taken from the text's words, it leaves each digit's value. */
  private static final long ZEROS = 0x3030_3030_3030_3030L;

  /** {@code "0."} as the low two bytes of a little-endian word. */
  private static final long ZERO_POINT = '0' | '.' << 8;

  /**
   * The bytes asked of the socket at once: okio's segment pool keeps 64 KiB, so a burst of this
   * size reuses its segments instead of allocating new ones.
   */
  private static final long READ_AHEAD = 64 * 1024;

  /** What {@link #fastLane} may read past the start of a number. */
  private static final int FAST_WINDOW = 24;

  private final BufferedSource source;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private boolean exhausted;

  /** Where a vector's numbers are gathered; null once handed out as a vector. */
  private float[] scratch;

  /** The length the next vector is expected to have: that of the last one. */
  private int expectedSize = 1024;

  private EmbedBodyDecoder(BufferedSource source) {
    this.source = source;
  }

  /** Reads one answer from {@code body}, to its end. */
  public static EmbedResponse decode(BufferedSource body) throws IOException {
    return new EmbedBodyDecoder(body).read();
  }

  private EmbedResponse read() throws IOException {
    if (skipWhitespace() != '{') {
      // Not an object (null, an array, nothing): Jackson answers or words the error, as before.
      return FIELDS.readValue(
          new SequenceInputStream(
              new ByteArrayInputStream(buffer, position, limit - position), source.inputStream()));
    }
    position++;
    ByteArrayOutputStream fields = new ByteArrayOutputStream(256);
    ByteArrayOutputStream key = new ByteArrayOutputStream(32);
    fields.write('{');
    List<float[]> vectors = null;
    int c = skipWhitespace();
    if (c == '}') {
      position++;
    } else {
      while (true) {
        if (c != '"') {
          throw syntax("expected a field name in the answer object, found " + describe(c));
        }
        key.reset();
        copyString(key);
        if (skipWhitespace() != ':') {
          throw syntax("expected ':' after the field name " + key.toString(StandardCharsets.UTF_8));
        }
        position++;
        c = skipWhitespace();
        if (c == '[' && Arrays.equals(key.toByteArray(), EMBEDDINGS_KEY)) {
          vectors = readVectors();
        } else {
          if (fields.size() > 1) {
            fields.write(',');
          }
          key.writeTo(fields);
          fields.write(':');
          copyValue(fields);
          if (Arrays.equals(key.toByteArray(), EMBEDDINGS_KEY)) {
            vectors = null; // a later duplicate wins, as in Jackson; it decides this one
          }
        }
        c = skipWhitespace();
        if (c == ',') {
          position++;
          c = skipWhitespace();
        } else if (c == '}') {
          position++;
          break;
        } else {
          throw syntax("expected ',' or '}' after a field, found " + describe(c));
        }
      }
    }
    c = skipWhitespace();
    if (c != -1) {
      throw syntax("expected the end of the answer after its object, found " + describe(c));
    }
    fields.write('}');
    EmbedResponse rest = FIELDS.readValue(fields.toByteArray());
    if (vectors == null) {
      return rest;
    }
    return new EmbedResponse(rest.model(), vectors, rest.metrics());
  }

  /** The value of {@code embeddings}; the position is on its {@code [}. */
  private List<float[]> readVectors() throws IOException {
    position++;
    List<float[]> vectors = new ArrayList<>();
    int c = skipWhitespace();
    if (c == ']') {
      position++;
      return vectors;
    }
    while (true) {
      if (c != '[') {
        throw syntax(
            "embeddings[" + vectors.size() + "] must be an array of numbers, was " + describe(c));
      }
      vectors.add(readVector(vectors.size()));
      c = skipWhitespace();
      if (c == ',') {
        position++;
        c = skipWhitespace();
      } else if (c == ']') {
        position++;
        return vectors;
      } else {
        throw syntax("expected ',' or ']' after embeddings[" + (vectors.size() - 1) + "]");
      }
    }
  }

  /** One vector; the position is on its {@code [}. */
  private float[] readVector(int index) throws IOException {
    position++;
    int c = skipWhitespace();
    if (c == ']') {
      position++;
      return new float[0];
    }
    if (scratch == null) {
      scratch = new float[expectedSize];
    }
    int size = 0;
    while (true) {
      if (limit - position < LANE_WINDOW && !exhausted) {
        require(LANE_WINDOW);
      }
      size = fastLane(size);
      // The lane stops at a number it does not read (not the plain shape, the last of the vector,
      // near the buffer's end, no room left in the scratch array) or at whitespace before one: that
      // number is read the long way, and store() makes room.
      c = skipWhitespace();
      if (c != '-' && (c < '0' || c > '9')) {
        throw syntax(
            "embeddings[" + index + "][" + size + "] must be a number, was " + describe(c));
      }
      if (limit - position < LONGEST_FAST_NUMBER && !exhausted) {
        require(LONGEST_FAST_NUMBER);
      }
      float value = scanNumber();
      if (Float.isNaN(value)) {
        value = slowNumber(index, size);
      }
      size = store(size, value);
      c = skipWhitespace();
      if (c == ',') {
        position++;
      } else if (c == ']') {
        position++;
        break;
      } else {
        throw syntax(
            "expected ',' or ']' after embeddings["
                + index
                + "]["
                + (size - 1)
                + "], found "
                + describe(c));
      }
    }
    // The vectors of one answer come from one model and are as long as each other: the scratch
    // array is sized for that, and handed out whole when it fits, instead of copied.
    expectedSize = size;
    if (size == scratch.length) {
      float[] vector = scratch;
      scratch = null;
      return vector;
    }
    return Arrays.copyOf(scratch, size);
  }

  /**
   * Reads numbers of the plain shape, each followed by a bare comma, for as long as they lie well
   * inside the buffer and the scratch vector has room, into the scratch vector from {@code size};
   * answers the new size and leaves the position at the first number not read. The plain shape is
   * the one Ollama writes for almost every number of an embedding, {@code 0.ddd} or {@code -0.ddd}
   * with up to fifteen digits, read eight digits at a time; anything else (and the last number of a
   * vector, which ends at its {@code ]}) stops the lane, and {@link #scanNumber} reads and judges
   * it.
   *
   * <p>All in one loop, in locals: a call or a field write in it showed in every measurement. The
   * shape is told from one word, the fraction's words are cut out of three words loaded at the
   * number's start, and the comma after the digits is taken from those words. The loop keeps the
   * processor busy rather than waiting, so what counts is the instructions per number, and every
   * step it can do without is left out: {@code '0'} is taken from the words once for both the count
   * and the value, the sign is applied by the power of ten it divides by, and the checks {@link
   * #toFloat} makes are settled by the shape (at most fifteen digits, a power of ten from 1 to 15).
   */
  private int fastLane(int size) {
    byte[] bytes = buffer;
    float[] values = scratch;
    int p = position;
    int safeEnd = limit - FAST_WINDOW;
    int sizeEnd = values.length;
    while (p < safeEnd && size < sizeEnd) {
      long head = (long) LITTLE_ENDIAN_LONGS.get(bytes, p);
      long middle = (long) LITTLE_ENDIAN_LONGS.get(bytes, p + 8);
      long tail = (long) LITTLE_ENDIAN_LONGS.get(bytes, p + 16);
      int sign = (head & 0xFF) == '-' ? 1 : 0;
      if (((head >>> (sign << 3)) & 0xFFFF) != ZERO_POINT) {
        break;
      }
      int skipped = (sign + 2) << 3;
      long first = (head >>> skipped | middle << (64 - skipped)) - ZEROS;
      long second = (middle >>> skipped | tail << (64 - skipped)) - ZEROS;
      int inFirst = digitCount(first);
      int fraction = inFirst == 8 ? 8 + digitCount(second) : inFirst;
      // The byte after the digits, less '0' as they are; with sixteen digits, a digit (Java shifts
      // by 64 not at all). No borrow reaches it, since only digits lie below.
      long after = inFirst == 8 ? second >>> ((fraction - 8) << 3) : first >>> (inFirst << 3);
      if ((byte) after != (byte) (',' - '0') || inFirst == 0) {
        break;
      }
      int inSecond = fraction - inFirst;
      double exact =
          (digitsOf(first, inFirst) * LONG_POWERS_OF_TEN[inSecond] + digitsOf(second, inSecond))
              / SIGNED_POWERS_OF_TEN[(sign << 4) + fraction];
      if ((Double.doubleToRawLongBits(exact) & 0x1FFF_FFFFL) == 0x1000_0000L) {
        break; // on a float midpoint: rounding twice may differ from rounding once
      }
      values[size++] = (float) exact;
      p += sign + 3 + fraction;
    }
    position = p;
    return size;
  }

  private int store(int size, float value) {
    if (size == scratch.length) {
      scratch = Arrays.copyOf(scratch, size * 2);
    }
    scratch[size] = value;
    return size + 1;
  }

  /**
   * How many of the eight bytes in {@code offsets}, first byte lowest, are digits in a row; each
   * byte holds what the text had minus {@code '0'}.
   */
  private static int digitCount(long offsets) {
    // A byte's top bit is set after the add when it is over 9, or already when the subtract that
    // made it went below '0'. Carries and borrows only travel upward, past the first non-digit, so
    // they never matter.
    long notDigits = ((offsets + 0x7676_7676_7676_7676L) | offsets) & 0x8080_8080_8080_8080L;
    return Long.numberOfTrailingZeros(notDigits) >>> 3;
  }

  /** The number the first {@code count} (0 to 8) bytes of {@code offsets} spell, all digits. */
  private static long digitsOf(long offsets, int count) {
    // Shifted so the digits fill the high bytes under zeros, then combined in three multiplies.
    // Two shifts, as Java shifts a long by 64 not at all: with no digits, all must go.
    int half = (8 - count) << 2;
    long value = offsets << half << half;
    value = (value * (10 * 256 + 1)) >>> 8;
    return ((value & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))
            + ((value >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))
        >>> 32;
  }

  /**
   * {@code digits x 10^exponent} as the nearest float, or NaN when that needs {@link
   * Float#parseFloat}.
   */
  private static float toFloat(long digits, int exponent) {
    if (digits == 0) {
      return 0f;
    }
    if (exponent < -22 || exponent > 22 || digits >= 1L << 53) {
      return Float.NaN;
    }
    double exact =
        exponent < 0 ? digits / POWERS_OF_TEN[-exponent] : digits * POWERS_OF_TEN[exponent];
    if ((Double.doubleToRawLongBits(exact) & 0x1FFF_FFFFL) == 0x1000_0000L) {
      return Float.NaN; // on a float midpoint: rounding twice may differ from rounding once
    }
    return (float) exact;
  }

  /**
   * The number at the position, read a byte at a time within the buffer, or NaN when it needs the
   * slow path: malformed, cut by the buffer's end, or not exactly convertible here.
   */
  private float scanNumber() {
    byte[] bytes = buffer;
    int end = limit;
    int p = position;
    boolean negative = bytes[p] == '-';
    if (negative) {
      p++;
    }
    long digits = 0;
    int significant = 0;
    int exponent = 0;
    int c = p < end ? bytes[p] : -1;
    if (c == '0') {
      p++;
    } else if (c >= '1' && c <= '9') {
      while (p < end && (c = bytes[p]) >= '0' && c <= '9') {
        if (significant == 18) {
          return Float.NaN;
        }
        digits = digits * 10 + (c - '0');
        significant++;
        p++;
      }
    } else {
      return Float.NaN;
    }
    if (p < end && bytes[p] == '.') {
      p++;
      int fractionStart = p;
      while (p < end && (c = bytes[p]) >= '0' && c <= '9') {
        if (digits != 0 || c != '0') {
          if (significant == 18) {
            return Float.NaN;
          }
          digits = digits * 10 + (c - '0');
          significant++;
        }
        exponent--;
        p++;
      }
      if (p == fractionStart) {
        return Float.NaN;
      }
    }
    if (p < end && (bytes[p] == 'e' || bytes[p] == 'E')) {
      p++;
      boolean negativeExponent = false;
      if (p < end && (bytes[p] == '-' || bytes[p] == '+')) {
        negativeExponent = bytes[p] == '-';
        p++;
      }
      int exponentStart = p;
      int written = 0;
      while (p < end && (c = bytes[p]) >= '0' && c <= '9') {
        if (written > 1000) {
          return Float.NaN;
        }
        written = written * 10 + (c - '0');
        p++;
      }
      if (p == exponentStart) {
        return Float.NaN;
      }
      exponent += negativeExponent ? -written : written;
    }
    if (p == end ? !exhausted : isNumberByte(bytes[p])) {
      return Float.NaN; // cut by the buffer's end, or malformed ("1.2.3", "01")
    }
    float value = toFloat(digits, exponent);
    if (Float.isNaN(value)) {
      return value;
    }
    position = p;
    return negative ? -value : value;
  }

  /** Any number, however long: gathered across refills, checked, then {@link Float#parseFloat}. */
  private float slowNumber(int index, int size) throws IOException {
    StringBuilder text = new StringBuilder();
    while (true) {
      if (position == limit) {
        require(1);
        if (position == limit) {
          break;
        }
      }
      byte b = buffer[position];
      if (!isNumberByte(b)) {
        break;
      }
      text.append((char) b);
      position++;
      if (text.length() > 100_000) {
        throw syntax("embeddings[" + index + "][" + size + "] is a number over 100,000 characters");
      }
    }
    String number = text.toString();
    if (!JSON_NUMBER.matcher(number).matches()) {
      String shown = number.length() > 40 ? number.substring(0, 40) + "…" : number;
      throw syntax("embeddings[" + index + "][" + size + "] is not a valid JSON number: " + shown);
    }
    return Float.parseFloat(number);
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
  }

  /** Copies a string, quotes and escapes as they are; the position is on its opening quote. */
  private void copyString(ByteArrayOutputStream out) throws IOException {
    out.write(buffer[position++]);
    while (true) {
      if (position == limit) {
        require(1);
        if (position == limit) {
          throw syntax("the answer ends inside a string");
        }
      }
      byte b = buffer[position++];
      out.write(b);
      if (b == '"') {
        return;
      }
      if (b == '\\') {
        if (position == limit) {
          require(1);
          if (position == limit) {
            throw syntax("the answer ends inside a string");
          }
        }
        out.write(buffer[position++]);
      }
    }
  }

  /**
   * Copies one value of any kind, as its bytes, up to the {@code ,} or {@code }} that ends it. Only
   * strings and nesting are tracked here; Jackson checks the copy.
   */
  private void copyValue(ByteArrayOutputStream out) throws IOException {
    int depth = 0;
    while (true) {
      if (position == limit) {
        require(1);
        if (position == limit) {
          throw syntax("the answer ends inside a value");
        }
      }
      byte b = buffer[position];
      if (b == '"') {
        copyString(out);
        continue;
      }
      if (depth == 0 && (b == ',' || b == '}' || b == ']')) {
        return;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
      }
      out.write(b);
      position++;
    }
  }

  /** The next byte that is not whitespace, not consumed; -1 at the end of the body. */
  private int skipWhitespace() throws IOException {
    while (true) {
      if (position == limit) {
        require(1);
        if (position == limit) {
          return -1;
        }
      }
      byte b = buffer[position];
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        position++;
      } else {
        return b & 0xFF;
      }
    }
  }

  /** Makes at least {@code count} bytes available from the position, unless the body ends first. */
  private void require(int count) throws IOException {
    if (limit - position >= count || exhausted) {
      return;
    }
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < count) {
      if (source.getBuffer().size() == 0) {
        // Read ahead in one burst rather than a segment between stretches of decoding: taking a
        // socket's bytes a few kilobytes at a time while the sender is still writing cost the
        // reading thread more time in the kernel than the reading itself (see benchmarks/notes.md).
        source.request(READ_AHEAD);
      }
      int read = source.read(buffer, limit, buffer.length - limit);
      if (read == -1) {
        exhausted = true;
        return;
      }
      limit += read;
    }
  }

  /** What stands at the position, for error messages. */
  private String describe(int c) throws IOException {
    switch (c) {
      case -1:
        return "the end of the input";
      case '{':
        return "an object";
      case '[':
        return "an array (nested too deep)";
      case 'n':
        return "null";
      case 't':
      case 'f':
        return "a boolean";
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return "a number";
      case '"':
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        copyString(text);
        String string = text.toString(StandardCharsets.UTF_8);
        string = string.substring(1, string.length() - 1);
        return "a string \""
            + (string.length() > 40 ? string.substring(0, 40) + "…" : string)
            + "\"";
      default:
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("byte 0x%02X", c);
    }
  }

  private static JsonParseException syntax(String message) {
    return new JsonParseException((JsonParser) null, message);
  }
}
