package io.github.ollamaclient.embed;

/**
 * Hears how far a batched embedding is: {@code OllamaClient.embedAll} calls it after each batch, on
 * the calling thread.
 */
@FunctionalInterface
public interface EmbedProgress {

  /** Ignores progress. */
  EmbedProgress NONE = (embedded, total) -> {};

  /**
   * A batch is done.
   *
   * @param embedded the inputs embedded so far, the first {@code embedded} of the list
   * @param total all the inputs
   */
  void update(int embedded, int total);
}
