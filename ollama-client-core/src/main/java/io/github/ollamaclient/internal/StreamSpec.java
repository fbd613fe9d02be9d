package io.github.ollamaclient.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.internal.wire.LineDecoder;
import io.github.ollamaclient.internal.wire.WireJson;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How to read one kind of NDJSON stream: the chunk type, which chunk is the last, how chunks
 * combine into the whole answer, and what the final chunk is called in error messages.
 *
 * @param reader reads one line into a chunk
 * @param isFinal true for the chunk that ends the stream ({@code done: true}, {@code success})
 * @param accumulator a fresh accumulator per stream
 * @param finalChunkName how messages name the missing final chunk, such as {@code "done: true"}
 * @param lineDecoder a fresh fast path per stream for its usual lines, or a supplier of null for
 *     none
 * @param <T> the chunk type
 */
public record StreamSpec<T>(
    ObjectReader reader,
    Predicate<? super T> isFinal,
    Supplier<? extends Accumulator<T>> accumulator,
    String finalChunkName,
    Supplier<? extends LineDecoder<T>> lineDecoder) {

  /** Creates a spec for chunks of {@code type}. */
  public static <T> StreamSpec<T> of(
      Class<T> type,
      Predicate<? super T> isFinal,
      Supplier<? extends Accumulator<T>> accumulator,
      String finalChunkName) {
    // A stream's parser reads one line's value and stops there: the stream checks what follows on
    // the line itself, and the next line is not for this value's reader to see.
    ObjectReader reader =
        WireJson.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new StreamSpec<>(reader, isFinal, accumulator, finalChunkName, () -> null);
  }

  /**
   * This spec with a fast path for the usual lines; every other line still goes through Jackson.
   */
  public StreamSpec<T> withLineDecoder(Supplier<? extends LineDecoder<T>> decoder) {
    return new StreamSpec<>(reader, isFinal, accumulator, finalChunkName, decoder);
  }

  /**
   * Combines the chunks of one stream into the whole answer.
   *
   * @param <T> the chunk type
   */
  public interface Accumulator<T> {
    /** Takes the next chunk, in stream order. */
    void add(T chunk);

    /** The whole answer from the chunks added so far; called once, after the final chunk. */
    T result();
  }

  /**
   * An accumulator whose answer is simply the last chunk, for progress streams.
   *
   * @param <T> the chunk type
   */
  public static final class LastChunk<T> implements Accumulator<T> {
    private T last;

    @Override
    public void add(T chunk) {
      last = chunk;
    }

    @Override
    public T result() {
      if (last == null) {
        throw new IllegalStateException("no chunk was received");
      }
      return last;
    }
  }
}
