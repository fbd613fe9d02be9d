package io.github.ollamaclient.inference;

import java.util.Optional;

/**
 * An answer that may carry generation statistics: chat and generate responses, whose final chunk
 * (or whole non-streamed answer) holds them.
 */
public interface HasMetrics {
  /** The statistics, present on a final chunk or a whole answer. */
  Optional<Metrics> metrics();
}
