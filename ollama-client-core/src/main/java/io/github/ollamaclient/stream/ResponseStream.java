package io.github.ollamaclient.stream;

import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A streamed answer from Ollama: the chunks of one {@code application/x-ndjson} response, read one
 * line at a time as they arrive, never buffered whole.
 *
 * <p>Always close it, best in try-with-resources; closing before the end aborts the HTTP call, so
 * the server stops generating:
 *
 * <pre>{@code
 * try (ResponseStream<ChatResponse> stream = client.chatStream(request)) {
 *   for (ChatResponse chunk : stream) {
 *     System.out.print(chunk.message().content());
 *   }
 *   stream.finalChunk().flatMap(ChatResponse::metrics).ifPresent(System.out::println);
 * }
 * }</pre>
 *
 * <p>It can be iterated once. Iteration throws {@link
 * io.github.ollamaclient.error.OllamaStreamException} when Ollama sends an error line mid-stream
 * and {@link io.github.ollamaclient.error.OllamaProtocolException} when the stream ends before its
 * final chunk, in both cases after every chunk that did arrive has been delivered. After {@link
 * #cancel()} or {@link #close()} iteration simply ends.
 *
 * <p>{@link #cancel()} and {@link #close()} may be called from any thread; iteration belongs to one
 * thread at a time.
 *
 * @param <T> the chunk type
 */
public interface ResponseStream<T> extends Iterable<T>, AutoCloseable {

  /**
   * The chunks, in the order they arrive. Blocks while waiting for the next line.
   *
   * @throws IllegalStateException when called a second time
   */
  @Override
  Iterator<T> iterator();

  /**
   * The chunks as a sequential {@link Stream}; closing the returned stream closes this one.
   *
   * @throws IllegalStateException when the chunks were already iterated
   */
  Stream<T> stream();

  /**
   * The final chunk ({@code done: true} with the done reason and statistics; for pull, push and
   * create the {@code success} status), once iteration reached it; empty before that and when the
   * stream was cancelled.
   */
  Optional<T> finalChunk();

  /**
   * Reads the rest of the stream and returns the whole answer: for chat and generate one response
   * with the text, thinking and tool calls of every chunk joined and the final chunk's statistics;
   * for pull, push and create the final status. Chunks already iterated are included.
   *
   * @throws io.github.ollamaclient.error.OllamaCancelledException when the stream was cancelled
   *     before its final chunk
   */
  T aggregate();

  /** Aborts the HTTP call so the server stops generating; iteration then ends. Idempotent. */
  void cancel();

  /** Whether {@link #cancel()} or {@link #close()} stopped the stream before its final chunk. */
  boolean isCancelled();

  /**
   * Releases the connection; when the final chunk has not arrived yet, cancels the call first.
   * Idempotent, throws nothing checked.
   */
  @Override
  void close();
}
