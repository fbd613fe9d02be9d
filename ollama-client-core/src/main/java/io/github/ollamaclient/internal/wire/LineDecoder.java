package io.github.ollamaclient.internal.wire;

/**
 * A fast path for the usual lines of one stream, read straight from the bytes. It may decline any
 * line (answer {@code null}), and must for every line it does not fully understand: a declined line
 * goes the general way (Jackson, the error check), which decides it and words any error. One
 * instance serves one stream, so it may keep state between lines.
 *
 * @param <T> the chunk type
 */
@FunctionalInterface
public interface LineDecoder<T> {
  /** The chunk in {@code bytes[start, end)}, one whole line; null to leave it to Jackson. */
  T decode(byte[] bytes, int start, int end);
}
