package io.github.ollamaclient.internal;

import java.io.IOException;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A whole answer's body that may hold at most so many bytes: past them it ends the call with an
 * error naming the limit, before the excess is in memory. Bodies read whole (embeddings, model
 * lists) are decoded as they arrive, so without it a server could fill the heap with one answer.
 */
final class BoundedSource extends ForwardingSource {
  private final ApiCall apiCall;
  private final long maxBytes;
  private long read;

  private BoundedSource(BufferedSource body, ApiCall apiCall, long maxBytes) {
    super(body);
    this.apiCall = apiCall;
    this.maxBytes = maxBytes;
  }

  /**
   * The body of {@code response}, bounded.
   *
   * @throws io.github.ollamaclient.error.OllamaProtocolException at once when the body says it is
   *     longer, else from a read past the limit
   */
  static BufferedSource of(Response response, ApiCall apiCall, long maxBytes) {
    if (response.body().contentLength() > maxBytes) {
      throw Failures.tooLarge(apiCall, maxBytes);
    }
    return Okio.buffer(new BoundedSource(response.body().source(), apiCall, maxBytes));
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long count = super.read(sink, byteCount);
    if (count > 0) {
      read += count;
      if (read > maxBytes) {
        throw Failures.tooLarge(apiCall, maxBytes);
      }
    }
    return count;
  }
}
