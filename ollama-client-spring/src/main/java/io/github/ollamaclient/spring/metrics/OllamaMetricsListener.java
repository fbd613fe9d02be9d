package io.github.ollamaclient.spring.metrics;

import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Records each finished call in Micrometer.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code ollama.client.requests}</td><td>timer</td><td>{@code operation} (client
 *       method: chat, generate, embed, version, ...), {@code model} ({@code none} when the call
 *       names none), {@code outcome} (success, error, cancelled), {@code exception} (simple class
 *       name or {@code none}), {@code streamed} (true, false)</td></tr>
 *   <tr><td>{@code ollama.client.tokens}</td><td>counter, base unit tokens</td><td>{@code
 *       operation}, {@code model}, {@code type} ({@code prompt}: prompt_eval_count, {@code
 *       completion}: eval_count), from the final statistics of chat and generate answers</td></tr>
 * </table>
 *
 * <p>The model tag is as bounded as the set of models the application uses; an application that
 * lets its users name arbitrary models should add a Micrometer {@code MeterFilter}.
 */
public class OllamaMetricsListener implements OllamaListener {
  /** The name of the timer of calls. */
  public static final String REQUESTS = "ollama.client.requests";

  /** The name of the counter of prompt and completion tokens. */
  public static final String TOKENS = "ollama.client.tokens";

  private static final String NONE = "none";

  private final MeterRegistry registry;

  /** A listener recording into {@code registry}. */
  public OllamaMetricsListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onCallFinished(CallEvent event) {
    String model = event.model().filter(name -> !name.isBlank()).orElse(NONE);
    Tags common = Tags.of("operation", event.operation(), "model", model);
    Timer.builder(REQUESTS)
        .description("Calls to the Ollama server, from sending to the end of the answer")
        .tags(common)
        .tag("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
        .tag("exception", event.error().map(e -> e.getClass().getSimpleName()).orElse(NONE))
        .tag("streamed", Boolean.toString(event.streamed()))
        .register(registry)
        .record(event.duration());
    event.metrics().ifPresent(metrics -> countTokens(common, metrics));
  }

  private void countTokens(Tags common, Metrics metrics) {
    tokens(common, "prompt").increment(metrics.promptEvalCount());
    tokens(common, "completion").increment(metrics.evalCount());
  }

  private Counter tokens(Tags common, String type) {
    return Counter.builder(TOKENS)
        .description("Tokens Ollama evaluated: prompt (input) and completion (output)")
        .baseUnit("tokens")
        .tags(common)
        .tag("type", type)
        .register(registry);
  }
}
