package io.github.ollamaclient.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaCancelledException;
import io.github.ollamaclient.OllamaException;
import io.github.ollamaclient.OllamaProtocolException;
import io.github.ollamaclient.OllamaStreamException;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Call;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResponseStream} over one NDJSON response body: reads a line at a time straight from the
 * socket's buffer, so memory stays bounded by the longest line, not the answer.
 */
final class NdjsonResponseStream<T> implements ResponseStream<T> {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /**
   * The longest line accepted. Chunks are small, but a final chunk may carry logprobs or images;
   * anything past this is a broken or hostile server, not an answer.
   */
  static final long MAX_LINE_BYTES = 64L * 1024 * 1024;

  /** Longer lines are rare (a final chunk with logprobs, say) and go the general way. */
  private static final int MAX_FAST_LINE_BYTES = 64 * 1024;

  private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

  private final Call call;
  private final Response response;
  private final BufferedSource source;
  private final StreamSpec<T> spec;
  private final ApiCall apiCall;
  private final Transport transport;
  private final StreamSpec.Accumulator<T> accumulator;
  private final CallObserver.Started observed;
  private final long openedAt = System.nanoTime();

  /**
   * Held while the iterating thread reads. Closing the body drains the socket, so a {@link
   * #cancel()} or {@link #close()} from another thread must not close it while a read is under way:
   * okio's sources are single-threaded. The reader closes it itself when its read fails.
   */
  private final ReentrantLock readLock = new ReentrantLock();

  private volatile boolean cancelled;
  private volatile boolean finished;
  private boolean iterated;
  private OllamaException failure;
  private T pending;
  private T finalChunk;
  private long lineNumber;
  private long delivered;

  /** Bytes after the current line's content that end it: 0, 1 ({@code \n}) or 2 ({@code \r\n}). */
  private int terminator;

  /**
   * One parser for the whole stream, fed a line at a time through {@link #lineInput}: setting up a
   * Jackson parser per line cost about 700 bytes and 170 ns per chunk. Null until the first line
   * and after any line it could not take, which then goes through a parser of its own.
   */
  private JsonParser parser;

  private final LineInput lineInput = new LineInput();

  /** Reused to read the current line in place, by the fast path and by the error check. */
  private final Buffer.UnsafeCursor lineCursor = new Buffer.UnsafeCursor();

  /** The spec's fast path for this stream's usual lines; null when it has none. */
  private final LineDecoder<T> lineDecoder;

  /** A line that spans two segments, copied out for the fast path. */
  private byte[] lineCopy = new byte[0];

  NdjsonResponseStream(
      Call call,
      Response response,
      StreamSpec<T> spec,
      ApiCall apiCall,
      Transport transport,
      CallObserver.Started observed) {
    this.call = call;
    this.response = response;
    this.source = response.body().source();
    this.spec = spec;
    this.apiCall = apiCall;
    this.transport = transport;
    this.accumulator = spec.accumulator().get();
    this.lineDecoder = spec.lineDecoder().get();
    this.observed = observed;
  }

  @Override
  public Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException(
          apiCall.describe()
              + " stream can be iterated only once; use aggregate() for the whole"
              + " answer");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return advance();
      }

      @Override
      public T next() {
        if (!advance()) {
          throw new NoSuchElementException();
        }
        T chunk = pending;
        pending = null;
        delivered++;
        return chunk;
      }
    };
  }

  @Override
  public Stream<T> stream() {
    Spliterator<T> spliterator =
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  @Override
  public Optional<T> finalChunk() {
    return Optional.ofNullable(finalChunk);
  }

  @Override
  public T aggregate() {
    if (!iterated) {
      iterated = true;
    }
    while (advance()) {
      pending = null;
      delivered++;
    }
    if (finalChunk == null) {
      throw new OllamaCancelledException(
          apiCall.describe() + " stream was cancelled before its final chunk; no whole answer");
    }
    return accumulator.result();
  }

  @Override
  public void cancel() {
    if (finished) {
      return;
    }
    cancelled = true;
    call.cancel();
    closeUnlessReading();
    observed.cancelled();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void close() {
    FirstChunkDeadline.passed(call);
    if (!finished) {
      cancel();
    }
    closeUnlessReading();
  }

  private void closeUnlessReading() {
    if (readLock.tryLock()) {
      try {
        releaseParser();
        response.close();
      } finally {
        readLock.unlock();
      }
    }
  }

  /** Ensures {@link #pending} holds the next chunk; false at the end. */
  private boolean advance() {
    if (pending != null) {
      return true;
    }
    if (failure != null) {
      throw failure;
    }
    if (finished) {
      return false;
    }
    readLock.lock();
    try {
      if (cancelled) {
        releaseParser();
        response.close();
        return false;
      }
      while (true) {
        long length = nextLine();
        if (lineNumber == 1) {
          FirstChunkDeadline.passed(call);
        }
        if (length < 0) {
          throw incomplete();
        }
        if (length == 0) {
          consume(0);
          continue;
        }
        T chunk = decode(length);
        if (chunk == null) {
          // A JSON null line: found by fuzzing; no chunk, so the stream is broken, not shorter.
          throw new OllamaProtocolException(
              apiCall.describe() + " stream line " + lineNumber + " is not a valid chunk: null");
        }
        accumulator.add(chunk);
        if (spec.isFinal().test(chunk)) {
          finish(chunk);
        }
        pending = chunk;
        return true;
      }
    } catch (OllamaException e) {
      releaseParser();
      response.close();
      if (cancelled) {
        return false;
      }
      // Later calls (hasNext again, aggregate) must report this, not a closed source.
      failure = e;
      observed.failed(e);
      throw e;
    } finally {
      readLock.unlock();
    }
  }

  private void finish(T chunk) {
    finalChunk = chunk;
    finished = true;
    observed.succeeded(chunk);
    LOG.debug(
        "{} stream finished after {} line(s) in {} ms",
        apiCall.describe(),
        lineNumber,
        Transport.millisSince(openedAt));
    // The body ends right after the final line; closing now returns the connection to the pool
    // even if the caller never closes the stream.
    releaseParser();
    response.close();
  }

  /** Hands the stream parser's buffers back to Jackson's pool; called under the read lock. */
  private void releaseParser() {
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
   * Finds the next line, which stays in the source's buffer until {@link #consume} or {@link
   * #readLineBytes}: its length without its terminator (0 for a blank line), or -1 at end of body.
   */
  private long nextLine() {
    try {
      long newline = source.indexOf((byte) '\n', 0, MAX_LINE_BYTES);
      Buffer buffer = source.getBuffer();
      long length;
      if (newline < 0) {
        if (buffer.size() >= MAX_LINE_BYTES) {
          throw new OllamaProtocolException(
              apiCall.describe()
                  + " stream line "
                  + (lineNumber + 1)
                  + " is longer than "
                  + MAX_LINE_BYTES
                  + " bytes");
        }
        if (source.exhausted()) {
          return -1;
        }
        // A last line without a newline: take what is left.
        length = buffer.size();
        terminator = 0;
      } else {
        length = newline;
        terminator = 1;
      }
      lineNumber++;
      if (length > 0 && buffer.getByte(length - 1) == '\r') {
        length--;
        terminator++;
      }
      return length;
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  /** Drops the current line, {@code length} bytes, and its terminator from the buffer. */
  private void consume(long length) {
    try {
      source.getBuffer().skip(length + terminator);
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  /** Takes the current line, {@code length} bytes, out of the buffer as an array. */
  private byte[] readLineBytes(long length) {
    try {
      byte[] line = source.getBuffer().readByteArray(length);
      source.getBuffer().skip(terminator);
      return line;
    } catch (IOException e) {
      throw readFailure(e);
    }
  }

  private OllamaException readFailure(IOException e) {
    if (cancelled) {
      return new OllamaCancelledException(apiCall.describe() + " was cancelled");
    }
    return transport.ioFailure(apiCall, e, call);
  }

  private T decode(long length) {
    Buffer buffer = source.getBuffer();
    if (lineDecoder != null) {
      T chunk = decodeFast(buffer, length);
      if (chunk != null) {
        consume(length);
        return chunk;
      }
    }
    if (!mayBeError(buffer, length, lineCursor)) {
      T chunk = decodeOnStreamParser(buffer, length);
      if (chunk != null) {
        consume(length);
        return chunk;
      }
    }
    return decodeAlone(readLineBytes(length));
  }

  /**
   * The line through the spec's fast path, read where it lies in the buffer, or copied out first
   * when it spans two of okio's segments; null when the path declines it.
   */
  private T decodeFast(Buffer buffer, long length) {
    if (length > MAX_FAST_LINE_BYTES) {
      return null;
    }
    int size = (int) length;
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
    releaseParser();
    return null;
  }

  private T decodeAlone(byte[] line) {
    try {
      if (mayBeError(line)) {
        JsonNode tree = Json.MAPPER.readTree(line);
        JsonNode error = tree.get("error");
        if (error != null && !error.isNull()) {
          throw new OllamaStreamException(
              apiCall.describe(), error.isTextual() ? error.asText() : error.toString(), delivered);
        }
        return spec.reader().readValue(tree);
      }
      return spec.reader().readValue(line);
    } catch (IOException | RuntimeException e) {
      throw Transport.decodeFailure(
          apiCall.describe() + " stream line " + lineNumber + " is not a valid chunk", line, e);
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

  private OllamaProtocolException incomplete() {
    return new OllamaProtocolException(
        apiCall.describe()
            + " stream ended after "
            + lineNumber
            + " line(s) without its final"
            + " chunk ("
            + spec.finalChunkName()
            + "): the connection broke or a proxy cut the"
            + " answer short");
  }
}
