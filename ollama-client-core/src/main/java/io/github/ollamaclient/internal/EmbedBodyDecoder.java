package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.embed.EmbedResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
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

  /** Longer numbers than this are read by the slow path, which gathers them across refills. */
  private static final int LONGEST_FAST_NUMBER = 64;

  private final BufferedSource source;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private boolean exhausted;
  private float[] scratch = new float[1024];

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
    return new EmbedResponse(
        rest.model(), vectors, rest.totalDuration(), rest.loadDuration(), rest.promptEvalCount());
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
    float[] values = scratch;
    int size = 0;
    while (true) {
      if (c != '-' && (c < '0' || c > '9')) {
        throw syntax(
            "embeddings[" + index + "][" + size + "] must be a number, was " + describe(c));
      }
      if (limit - position < LONGEST_FAST_NUMBER && !exhausted) {
        require(LONGEST_FAST_NUMBER);
      }
      float value = fastNumber();
      if (Float.isNaN(value)) {
        value = slowNumber(index, size);
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        scratch = values;
      }
      values[size++] = value;
      c = position < limit ? buffer[position] & 0xFF : skipWhitespace();
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        c = skipWhitespace();
      }
      if (c == ',') {
        position++;
        c = position < limit ? buffer[position] & 0xFF : skipWhitespace();
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          c = skipWhitespace();
        }
      } else if (c == ']') {
        position++;
        return Arrays.copyOf(values, size);
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
  }

  /**
   * The number at the position, read within the buffer, or NaN (which JSON cannot write) when it
   * needs the slow path: malformed, cut by the buffer's end, or not exactly convertible here.
   */
  private float fastNumber() {
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
    float value;
    if (digits == 0) {
      value = 0f;
    } else if (exponent >= -22 && exponent <= 22 && digits < 1L << 53) {
      double exact =
          exponent < 0 ? digits / POWERS_OF_TEN[-exponent] : digits * POWERS_OF_TEN[exponent];
      if ((Double.doubleToRawLongBits(exact) & 0x1FFF_FFFFL) == 0x1000_0000L) {
        return Float.NaN; // on a float midpoint: rounding twice may differ from rounding once
      }
      value = (float) exact;
    } else {
      return Float.NaN;
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
