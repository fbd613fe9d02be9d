package io.github.ollamaclient.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A chunked NDJSON body that sends its first lines at once, then sends nothing more until {@link
 * #release()} (or 10 s pass), so a test can act while the client waits for bytes.
 */
final class StallingBody implements MockResponseBody {
  private final String first;
  private final String rest;
  private final CountDownLatch released = new CountDownLatch(1);

  StallingBody(String first, String rest) {
    this.first = first;
    this.rest = rest;
  }

  /** A 200 NDJSON response with this body. */
  MockResponse response() {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/x-ndjson")
        .body(this)
        .removeHeader("Content-Length")
        .setHeader("Transfer-Encoding", "chunked")
        .build();
  }

  /** Lets the rest of the body go. */
  void release() {
    released.countDown();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    writeChunk(sink, first);
    sink.flush();
    try {
      released.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    writeChunk(sink, rest);
    sink.writeUtf8("0\r\n");
    sink.flush();
  }

  private static void writeChunk(BufferedSink sink, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return;
    }
    sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n");
    sink.write(bytes).writeUtf8("\r\n");
  }
}
