package io.github.ollamaclient.internal;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The framing of an NDJSON body: finds one line at a time in the socket's buffer and leaves it
 * there, so that it is decoded in place and memory stays bounded by the longest line, not the
 * answer. Lines end with {@code \n} or {@code \r\n}; the last may have no terminator.
 */
final class NdjsonLines {
  private final BufferedSource source;
  private final ApiCall apiCall;

  /**
   * The longest line accepted. Chunks are small, but a final chunk may carry logprobs or images;
   * anything past this is a broken or hostile server, not an answer.
   */
  private final long maxLineBytes;

  private long number;
  private long length;

  /** Bytes after the current line's content that end it: 0, 1 ({@code \n}) or 2 ({@code \r\n}). */
  private int terminator;

  NdjsonLines(BufferedSource source, ApiCall apiCall, long maxLineBytes) {
    this.source = source;
    this.apiCall = apiCall;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Finds the next line, which stays at the head of {@link #buffer()} until {@link #consume} or
   * {@link #take}.
   *
   * @return false at the end of the body
   * @throws IOException when reading fails
   * @throws io.github.ollamaclient.error.OllamaProtocolException when the line is too long
   */
  boolean next() throws IOException {
    long newline = source.indexOf((byte) '\n', 0, maxLineBytes);
    Buffer buffer = source.getBuffer();
    if (newline < 0) {
      if (buffer.size() >= maxLineBytes) {
        throw Failures.lineTooLong(apiCall, number + 1, maxLineBytes);
      }
      if (source.exhausted()) {
        return false;
      }
      // A last line without a newline: take what is left.
      length = buffer.size();
      terminator = 0;
    } else {
      length = newline;
      terminator = 1;
    }
    number++;
    if (length > 0 && buffer.getByte(length - 1) == '\r') {
      length--;
      terminator++;
    }
    return true;
  }

  /** The current line's number, from 1; 0 before the first. */
  long number() {
    return number;
  }

  /** The current line's length in bytes, without its terminator; 0 for a blank line. */
  long length() {
    return length;
  }

  /** The buffer whose first {@link #length()} bytes are the current line. */
  Buffer buffer() {
    return source.getBuffer();
  }

  /** Drops the current line and its terminator. */
  void consume() throws IOException {
    source.getBuffer().skip(length + terminator);
  }

  /** Takes the current line out of the buffer as an array, and drops its terminator. */
  byte[] take() throws IOException {
    Buffer buffer = source.getBuffer();
    byte[] line = buffer.readByteArray(length);
    buffer.skip(terminator);
    return line;
  }
}
