package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.json.Json;
import io.github.ollamaclient.json.Previews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one NDJSON line into a chunk, or into the exception it stands for: Jackson reads the line
 * into the chunk type through the type's own creator, with one parser for the whole stream fed a
 * line at a time. An {@code "error"} member of the line is one more field of it, seen by a problem
 * handler as Jackson meets it (the chunk types have no such field), so no line is scanned or read
 * twice; only a line that fails to read is parsed again, as a tree, to tell an error object whose
 * other fields do not fit the chunk type from a broken line.
 *
 * @param <T> the chunk type
 */
final class ChunkDecoder<T> {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  private final StreamSpec<T> spec;
  private final ApiCall apiCall;
  private final ErrorMember errorMember;

  /** The spec's reader with this stream's {@link #errorMember}. */
  private final ObjectReader reader;

  /**
   * One parser for the whole stream, fed a line at a time through {@link #lineInput}, and one
   * deserialization context for all its values, as Jackson's own multi-value route keeps them:
   * setting up a Jackson parser per line cost about 700 bytes and 170 ns per chunk, and {@code
   * readValue(parser)} made a context per line (130 to 200 bytes per chunk in {@code
   * StreamingChatBenchmark}). Null until the first line and after a line it could not take.
   */
  private MappingIterator<T> values;

  private final LineInput lineInput = new LineInput();

  ChunkDecoder(StreamSpec<T> spec, ApiCall apiCall) {
    this.spec = spec;
    this.apiCall = apiCall;
    this.errorMember = new ErrorMember(spec.type());
    this.reader = spec.reader().withHandler(errorMember);
  }

  /**
   * The chunk in the current, non-blank line of {@code lines}, which is consumed.
   *
   * @param delivered chunks handed to the caller so far, for an error object's exception
   * @throws IOException when reading the rest of the line from the socket fails
   * @throws OllamaException when the line is an error object or not a chunk
   */
  T decode(NdjsonLines lines, long delivered) throws IOException {
    errorMember.value = null;
    T chunk;
    String trailing = null;
    lineInput.next(lines.buffer(), lines.length());
    try {
      if (values == null) {
        values = reader.readValues(reader.createParser(lineInput));
      }
      chunk = values.nextValue();
      if (!lineInput.restIsWhitespace(values.getParser())) {
        trailing = "it holds more than one JSON value (NDJSON has one per line)";
      }
    } catch (IOException | RuntimeException e) {
      lineInput.done();
      release();
      throw unreadable(lines.take(), lines.number(), delivered, e);
    } finally {
      lineInput.done();
    }
    JsonNode error = errorMember.value;
    if (error != null && !error.isNull()) {
      lines.consume();
      throw Failures.streamError(apiCall, error, delivered);
    }
    if (trailing != null) {
      release();
      throw new OllamaProtocolException(
          Failures.notAChunk(apiCall, lines.number())
              + ": "
              + trailing
              + ": "
              + Previews.of(lines.take()));
    }
    if (chunk == null) {
      lines.consume();
      throw Failures.nullLine(apiCall, lines.number());
    }
    lines.consume();
    return chunk;
  }

  /**
   * The exception for a line that did not read as a chunk, decided on the line alone as a parser of
   * its own would: a stream error when it is an object with a non-null {@code error} (whatever its
   * other fields), a null line, or the decoding failure in Jackson's own words.
   */
  private OllamaException unreadable(byte[] line, long lineNumber, long delivered, Exception e) {
    JsonNode error = errorMember.value;
    if (error != null && !error.isNull()) {
      return Failures.streamError(apiCall, error, delivered);
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(line);
    } catch (IOException | RuntimeException broken) {
      return Failures.decoding(Failures.notAChunk(apiCall, lineNumber), line, broken);
    }
    if (tree == null || tree.isNull()) {
      return Failures.nullLine(apiCall, lineNumber);
    }
    error = tree.get("error");
    if (error != null && !error.isNull()) {
      return Failures.streamError(apiCall, error, delivered);
    }
    if (e == LineInput.LINE_ENDED) {
      // The stream parser stopped at the line's end, looking past a value (a bare number, say)
      // that reads as JSON alone: Jackson's own reason why it is no chunk.
      try {
        spec.reader().readValue(tree);
      } catch (IOException | RuntimeException binding) {
        return Failures.decoding(Failures.notAChunk(apiCall, lineNumber), line, binding);
      }
    }
    return Failures.decoding(Failures.notAChunk(apiCall, lineNumber), line, e);
  }

  /** Hands the stream parser's buffers back to Jackson's pool; called under the read lock. */
  void release() {
    MappingIterator<T> current = values;
    values = null;
    if (current != null) {
      try {
        // The parser itself: the iterator's close skips it once a stray ] has ended the iteration.
        current.getParser().close();
      } catch (IOException e) {
        // Closing only returns buffers: lineInput's close does nothing, so this cannot happen.
        LOG.debug("{} closing the stream parser failed", apiCall.describe(), e);
      }
    }
  }

  /**
   * Takes the {@code error} member of a line's top-level object, which no chunk type declares:
   * Ollama ends a stream that failed after it began with {@code {"error": "..."}}.
   */
  private static final class ErrorMember extends DeserializationProblemHandler {
    private final Class<?> chunkType;
    private JsonNode value;

    ErrorMember(Class<?> chunkType) {
      this.chunkType = chunkType;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      // The chunk type itself, or the private class it is read through (ChatResponse.Wire):
      // their nest host is the chunk type, and a member's type (a Message) is not.
      if (!propertyName.equals("error") || deserializer.handledType().getNestHost() != chunkType) {
        return false;
      }
      value = context.readTree(parser);
      return true;
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

    /** Takes what the parser holds of a line once its value was read. */
    private static final OutputStream DISCARD = OutputStream.nullOutputStream();

    private long length;
    private long position;

    /** Serves the first {@code lineLength} bytes of {@code buffer}, which nobody else touches. */
    void next(Buffer buffer, long lineLength) {
      buffer.readUnsafe(cursor);
      length = lineLength;
      position = 0;
    }

    /** Lets go of the buffer; the line may now be consumed. Closing twice is harmless. */
    void done() {
      if (cursor.buffer != null) {
        cursor.close();
      }
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
     * Whether only JSON whitespace follows the value just read, on its line: what the parser holds
     * of the line (it lets go of it) and what it has not taken yet.
     */
    boolean restIsWhitespace(JsonParser parser) throws IOException {
      for (long at = position - parser.releaseBuffered(DISCARD); at < length; at++) {
        byte b = cursor.buffer.getByte(at);
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return false;
        }
      }
      return true;
    }
  }
}
