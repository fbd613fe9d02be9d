package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.internal.json.Previews;
import io.github.ollamaclient.internal.wire.LineDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one NDJSON line into a chunk, or into the exception it stands for. Three routes, tried in
 * order:
 *
 * <ol>
 *   <li>the spec's byte-level fast path, for the per-token chunks of chat and generate, read where
 *       the line lies in the buffer;
 *   <li>Jackson, with one parser for the whole stream fed a line at a time, for any line the fast
 *       path declines that holds no {@code "error"} text;
 *   <li>Jackson on the line alone, which tells an error object from a chunk and words every
 *       failure.
 * </ol>
 *
 * <p>A per-token chunk that the fast path declines (Ollama added a field it does not know, say) is
 * still read exactly, only slower; such misses are logged at DEBUG once per stream and counted in
 * {@link #fastPathMisses()}, which the benchmarks print. The final chunk and error lines always go
 * the general way and are not misses.
 *
 * @param <T> the chunk type
 */
public final class ChunkDecoder<T> {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /** Longer lines are rare (a final chunk with logprobs, say) and go the general way. */
  private static final int MAX_FAST_LINE_BYTES = 64 * 1024;

  private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

  private static final LongAdder FAST_PATH_MISSES = new LongAdder();

  private final StreamSpec<T> spec;
  private final ApiCall apiCall;

  /** The spec's fast path for this stream's usual lines; null when it has none. */
  private final LineDecoder<T> lineDecoder;

  /**
   * One parser for the whole stream, fed a line at a time through {@link #lineInput}: setting up a
   * Jackson parser per line cost about 700 bytes and 170 ns per chunk. Null until the first line
   * and after any line it could not take, which then goes through a parser of its own.
   */
  private JsonParser parser;

  private final LineInput lineInput = new LineInput();

  /** Reused to read the current line in place, by the fast path and by the error check. */
  private final Buffer.UnsafeCursor lineCursor = new Buffer.UnsafeCursor();

  /** A line that spans two segments, copied out for the fast path. */
  private byte[] lineCopy = new byte[0];

  private long misses;

  ChunkDecoder(StreamSpec<T> spec, ApiCall apiCall) {
    this.spec = spec;
    this.apiCall = apiCall;
    this.lineDecoder = spec.lineDecoder().get();
  }

  /**
   * Per-token chunks that the fast paths of all streams so far declined and Jackson read: zero
   * while the fast paths know every field Ollama sends.
   */
  public static long fastPathMisses() {
    return FAST_PATH_MISSES.sum();
  }

  /** Per-token chunks of this stream that its fast path declined. */
  long misses() {
    return misses;
  }

  /**
   * The chunk in the current, non-blank line of {@code lines}, which is consumed.
   *
   * @param delivered chunks handed to the caller so far, for an error object's exception
   * @throws IOException when reading the rest of the line from the socket fails
   * @throws OllamaException when the line is an error object or not a chunk
   */
  T decode(NdjsonLines lines, long delivered) throws IOException {
    Buffer buffer = lines.buffer();
    long length = lines.length();
    if (lineDecoder != null && length <= MAX_FAST_LINE_BYTES) {
      T chunk = decodeFast(buffer, (int) length);
      if (chunk != null) {
        lines.consume();
        return chunk;
      }
    }
    T chunk = null;
    if (!mayBeError(buffer, length, lineCursor)) {
      chunk = decodeOnStreamParser(buffer, length);
      if (chunk != null) {
        lines.consume();
      }
    }
    if (chunk == null) {
      chunk = decodeAlone(lines.take(), lines.number(), delivered);
    }
    if (lineDecoder != null && !spec.isFinal().test(chunk)) {
      missed(lines.number());
    }
    return chunk;
  }

  private void missed(long lineNumber) {
    FAST_PATH_MISSES.increment();
    if (misses++ == 0) {
      LOG.debug(
          "{} stream line {} left the fast path and was read by Jackson (still exact, slower);"
              + " a field it does not know?",
          apiCall.describe(),
          lineNumber);
    }
  }

  /**
   * The line through the fast path, read where it lies in the buffer, or copied out first when it
   * spans two of okio's segments; null when the path declines it.
   */
  private T decodeFast(Buffer buffer, int size) {
    try (Buffer.UnsafeCursor cursor = buffer.readUnsafe(lineCursor)) {
      cursor.seek(0);
      if (cursor.end - cursor.start >= size) {
        return lineDecoder.decode(cursor.data, cursor.start, cursor.start + size);
      }
      if (lineCopy.length < size) {
        lineCopy = new byte[Math.max(size, lineCopy.length * 2)];
      }
      int copied = 0;
      while (copied < size) {
        cursor.seek(copied);
        int taken = Math.min(size - copied, cursor.end - cursor.start);
        System.arraycopy(cursor.data, cursor.start, lineCopy, copied, taken);
        copied += taken;
      }
    }
    return lineDecoder.decode(lineCopy, 0, size);
  }

  /**
   * Whether the first {@code length} bytes of {@code buffer} hold the text {@code "error"}. Read in
   * place, a byte at a time: okio's {@code indexOf(ByteString)} compares the whole key at every
   * quote, and a chunk has a dozen quotes, which made this check an eighth of a stream's time.
   */
  static boolean mayBeError(Buffer buffer, long length, Buffer.UnsafeCursor reused) {
    try (Buffer.UnsafeCursor cursor = buffer.readUnsafe(reused)) {
      int matched = 0;
      long seen = 0;
      while (seen < length) {
        cursor.seek(seen);
        byte[] data = cursor.data;
        int end = (int) Math.min(cursor.end, cursor.start + (length - seen));
        for (int i = cursor.start; i < end; i++) {
          byte b = data[i];
          if (b == ERROR_KEY[matched]) {
            if (++matched == ERROR_KEY.length) {
              return true;
            }
          } else {
            // The key's only quote that can start it again is its first.
            matched = b == '"' ? 1 : 0;
          }
        }
        seen += end - cursor.start;
      }
      return false;
    }
  }

  /**
   * Reads the line with the stream's parser; null when that parser cannot vouch for the answer (an
   * error, a value that does not end on its line, anything but whitespace after it, a JSON null),
   * in which case the line goes to {@link #decodeAlone}, which decides as a parser of its own
   * would, with its own error messages. The parser is then dropped, as it may have stopped
   * mid-value.
   */
  private T decodeOnStreamParser(Buffer buffer, long length) {
    lineInput.next(buffer, length);
    try {
      if (parser == null) {
        parser = spec.reader().createParser(lineInput);
      }
      T chunk = spec.reader().readValue(parser);
      if (chunk != null && lineInput.restIsWhitespace(parser)) {
        return chunk;
      }
    } catch (IOException | RuntimeException e) {
      // decodeAlone reads the line again and reports it (or, unusually, accepts it).
    } finally {
      lineInput.done();
    }
    release();
    return null;
  }

  /**
   * The line on a parser of its own: an error object becomes the stream's exception, a value
   * followed by anything but whitespace (two values on one line) is refused rather than half read.
   */
  private T decodeAlone(byte[] line, long lineNumber, long delivered) {
    T chunk;
    try (JsonParser alone = spec.reader().createParser(line)) {
      if (mayBeError(line)) {
        JsonNode tree = spec.reader().readTree(alone);
        JsonNode error = tree == null ? null : tree.get("error");
        if (error != null && !error.isNull()) {
          throw Failures.streamError(apiCall, error, delivered);
        }
        endsAfterOneValue(alone, line, lineNumber);
        chunk = tree == null ? null : spec.reader().readValue(tree);
      } else {
        chunk = spec.reader().readValue(alone);
        endsAfterOneValue(alone, line, lineNumber);
      }
    } catch (IOException | RuntimeException e) {
      throw Failures.decoding(Failures.notAChunk(apiCall, lineNumber), line, e);
    }
    if (chunk == null) {
      throw Failures.nullLine(apiCall, lineNumber);
    }
    return chunk;
  }

  private void endsAfterOneValue(JsonParser parser, byte[] line, long lineNumber)
      throws IOException {
    if (parser.nextToken() != null) {
      throw new OllamaProtocolException(
          Failures.notAChunk(apiCall, lineNumber)
              + ": it holds more than one JSON value (NDJSON has one per line): "
              + Previews.of(line));
    }
  }

  /**
   * Whether the line holds the text {@code "error"} anywhere. Only such lines pay for a tree parse
   * to tell an error object from a chunk whose text merely mentions the word.
   */
  static boolean mayBeError(byte[] line) {
    outer:
    for (int i = 0, last = line.length - ERROR_KEY.length; i <= last; i++) {
      for (int j = 0; j < ERROR_KEY.length; j++) {
        if (line[i + j] != ERROR_KEY[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Hands the stream parser's buffers back to Jackson's pool; called under the read lock. */
  void release() {
    JsonParser current = parser;
    parser = null;
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Closing only returns buffers: lineInput's close does nothing, so this cannot happen.
        LOG.debug("{} closing the stream parser failed", apiCall.describe(), e);
      }
    }
  }

  /**
   * The stream parser's input: the current line and nothing after it. A parser that asks for more
   * has a value that does not end on its line, which the stream treats as a broken line, so the
   * request fails instead of reading on into the next line.
   */
  private static final class LineInput extends InputStream {
    /** Thrown often enough on broken lines not to pay for a stack trace each time. */
    private static final IOException LINE_ENDED =
        new IOException("the JSON value continues past the end of its line") {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Throwable fillInStackTrace() {
            return this;
          }
        };

    /** Open over the source's buffer while a line is read: the parser copies from its segments. */
    private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();

    private long length;
    private long position;
    private final WhitespaceCheck whitespace = new WhitespaceCheck();

    /** Serves the first {@code lineLength} bytes of {@code buffer}, which nobody else touches. */
    void next(Buffer buffer, long lineLength) {
      buffer.readUnsafe(cursor);
      length = lineLength;
      position = 0;
    }

    /** Lets go of the buffer; the line may now be consumed. */
    void done() {
      cursor.close();
    }

    @Override
    public int read() throws IOException {
      if (position >= length) {
        throw LINE_ENDED;
      }
      cursor.seek(position);
      position++;
      return cursor.data[cursor.start] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int count) throws IOException {
      if (count == 0) {
        return 0;
      }
      if (position >= length) {
        throw LINE_ENDED;
      }
      cursor.seek(position);
      int taken = (int) Math.min(Math.min(count, length - position), cursor.end - cursor.start);
      System.arraycopy(cursor.data, cursor.start, into, offset, taken);
      position += taken;
      return taken;
    }

    /**
     * Whether only whitespace follows the value just read, both in the parser's buffer (which it
     * skips) and in what the parser has not taken yet.
     */
    boolean restIsWhitespace(JsonParser parser) throws IOException {
      whitespace.clean = true;
      parser.releaseBuffered(whitespace);
      if (!whitespace.clean) {
        return false;
      }
      while (position < length) {
        cursor.seek(position);
        int end = (int) Math.min(cursor.end, cursor.start + (length - position));
        for (int i = cursor.start; i < end; i++) {
          if (!WhitespaceCheck.isWhitespace(cursor.data[i])) {
            return false;
          }
        }
        position += end - cursor.start;
      }
      return true;
    }
  }

  /** Takes what a parser releases and notes whether it was all JSON whitespace. */
  private static final class WhitespaceCheck extends OutputStream {
    private boolean clean;

    static boolean isWhitespace(byte b) {
      return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    @Override
    public void write(int b) {
      clean &= isWhitespace((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset, end = offset + length; i < end && clean; i++) {
        clean = isWhitespace(bytes[i]);
      }
    }
  }
}
