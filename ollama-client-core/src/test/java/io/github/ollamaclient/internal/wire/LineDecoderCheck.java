package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;

/** Holds a {@link LineDecoder} to Jackson's reading of the same lines. */
final class LineDecoderCheck<T> {
  private final LineDecoder<T> decoder;
  private final ObjectReader jackson;

  LineDecoderCheck(LineDecoder<T> decoder, Class<T> type) {
    this.decoder = decoder;
    this.jackson = WireJson.MAPPER.readerFor(type);
  }

  /** The fast path's reading, the line placed inside a larger array as in okio's segments. */
  T fast(byte[] line) {
    byte[] padded = new byte[line.length + 20];
    System.arraycopy(line, 0, padded, 7, line.length);
    padded[6] = '{';
    padded[7 + line.length] = '}';
    return decoder.decode(padded, 7, 7 + line.length);
  }

  T fast(String line) {
    return fast(utf8(line));
  }

  /** Jackson's reading; null when Jackson refuses the line. */
  T jackson(byte[] line) {
    try {
      return jackson.readValue(line);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The fast path reads the line, as Jackson does: inside a larger array, and alone in an array of
   * its own size, where words cannot be read past its end.
   */
  void readsAsJackson(String line) {
    byte[] bytes = utf8(line);
    T expected = jackson(bytes);
    assertThat(fast(bytes)).as(line).isNotNull().isEqualTo(expected);
    assertThat(decoder.decode(bytes, 0, bytes.length)).as(line).isEqualTo(expected);
  }

  /**
   * Lines of random text (control characters, every plane) written by Jackson: the fast path reads
   * each, as Jackson does; answers nothing, fails on the first disagreement.
   */
  void readsAnyTextAsJackson(Function<String, String> lineWithText, Function<T, String> text) {
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder written = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        int kind = random.nextInt(5);
        int codePoint =
            kind == 0
                ? random.nextInt(0x20)
                : kind == 1
                    ? 0x20 + random.nextInt(0x60)
                    : kind == 2
                        ? 0x80 + random.nextInt(0xD800 - 0x80)
                        : kind == 3
                            ? 0xE000 + random.nextInt(0x2000)
                            : 0x10000 + random.nextInt(0x100000);
        written.appendCodePoint(codePoint);
      }
      byte[] line = utf8(lineWithText.apply(written.toString()));

      T fast = fast(line);

      assertThat(fast).as("%s", written).isNotNull().isEqualTo(jackson(line));
      assertThat(text.apply(fast)).isEqualTo(written.toString());
    }
  }

  /**
   * Lines with a byte or two changed: the fast path may decline any, but what it reads must be what
   * Jackson reads, and it must never read a line that Jackson refuses.
   */
  void neverDisagreesOnDamagedLines(Function<Integer, String> line) {
    Random random = new Random(23);
    byte[] alphabet = utf8("{}[]:,\"\\/ntrufalse0123456789.-e\u00e9 \t\r\nxbu");
    int read = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] damaged = utf8(line.apply(i));
      for (int n = 1 + random.nextInt(2); n > 0; n--) {
        int at = random.nextInt(damaged.length);
        damaged[at] =
            random.nextInt(4) == 0
                ? (byte) random.nextInt(256)
                : alphabet[random.nextInt(alphabet.length)];
      }

      T fast = fast(damaged);

      if (fast != null) {
        read++;
        assertThat(fast)
            .as("%s", new String(damaged, StandardCharsets.UTF_8))
            .isEqualTo(jackson(damaged));
      }
    }
    assertThat(read).as("damaged lines still read on the fast path").isGreaterThan(1000);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
