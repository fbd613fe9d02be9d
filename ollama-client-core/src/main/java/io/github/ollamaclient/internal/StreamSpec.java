package io.github.ollamaclient.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.json.Json;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How to read one kind of NDJSON stream: the chunk type, which chunk is the last, how chunks
 * combine into the whole answer, and what the final chunk is called in error messages.
 *
 * @param type the chunk type
 * @param reader reads one line into a chunk
 * @param isFinal true for the chunk that ends the stream ({@code done: true}, {@code success})
 * @param accumulator a fresh accumulator per stream
 * @param finalChunkName how messages name the missing final chunk, such as {@code "done: true"}
 * @param <T> the chunk type
 */
public record StreamSpec<T>(
    Class<T> type,
    ObjectReader reader,
    Predicate<? super T> isFinal,
    Supplier<? extends Accumulator<T>> accumulator,
    String finalChunkName) {

  /** Creates a spec for chunks of {@code type}. */
  public static <T> StreamSpec<T> of(
      Class<T> type,
      Predicate<? super T> isFinal,
      Supplier<? extends Accumulator<T>> accumulator,
      String finalChunkName) {
    // A stream's parser reads one line's value and stops there: the stream checks what follows on
    // the line itself, and the next line is not for this value's reader to see.
    ObjectReader reader =
        Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new StreamSpec<>(type, reader, isFinal, accumulator, finalChunkName);
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
