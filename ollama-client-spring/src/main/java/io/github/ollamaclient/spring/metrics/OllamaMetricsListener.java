package io.github.ollamaclient.spring.metrics;

import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.spring.observation.DefaultOllamaObservationConvention;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
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
 *   <tr><td>{@code gen_ai.client.operation.duration}</td><td>histogram (distribution summary),
 *       unit {@code s}</td><td>{@code gen_ai.operation.name} ({@code chat}, {@code
 *       text_completion}, {@code embeddings}), {@code gen_ai.provider.name} ({@code ollama}),
 *       {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code server.address},
 *       {@code server.port}, {@code error.type}</td></tr>
 *   <tr><td>{@code gen_ai.client.token.usage}</td><td>histogram (distribution summary), unit
 *       {@code {token}}</td><td>as the duration without {@code error.type}, and {@code
 *       gen_ai.token.type} ({@code input}: prompt_eval_count, {@code output}: eval_count, none
 *       for embeddings)</td></tr>
 * </table>
 *
 * <p>The two {@code gen_ai.client.*} meters are the standard metrics of <a
 * href="https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/">OpenTelemetry's
 * semantic conventions for generative AI clients</a>: their names, units, attributes and explicit
 * bucket boundaries, for the calls that run a model (chat, generate, embed). One difference: an
 * attribute without a value is {@code none} rather than absent (a successful call's {@code
 * error.type}, a failed call's {@code gen_ai.response.model}), since a Micrometer meter keeps the
 * same tag keys on every series, as Prometheus requires.
 *
 * <p>The model tag is as bounded as the set of models the application uses; an application that
 * lets its users name arbitrary models should add a Micrometer {@code MeterFilter}.
 */
public class OllamaMetricsListener implements OllamaListener {
  /** The name of the timer of calls. */
  public static final String REQUESTS = "ollama.client.requests";

  /** The name of the counter of prompt and completion tokens. */
  public static final String TOKENS = "ollama.client.tokens";

  /** The conventions' histogram of the duration of a model call, in seconds. */
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

  /** The conventions' histogram of the tokens of a model call, per token type. */
  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  private static final String NONE = "none";

  /** The conventions' explicit bucket boundaries of {@value #OPERATION_DURATION}, in seconds. */
  private static final double[] DURATION_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  /** The conventions' explicit bucket boundaries of {@value #TOKEN_USAGE}. */
  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  private final MeterRegistry registry;

  /** A listener recording into {@code registry}. */
  public OllamaMetricsListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Records the call's end, with the server it went to for the {@code gen_ai.client.*} meters. */
  @Override
  public CallHandle onCallStarted(CallStart start) {
    return event -> {
      onCallFinished(event);
      recordGenAi(start, event);
    };
  }

  /** Records the {@code ollama.client.*} meters of a finished call. */
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

  private void recordGenAi(CallStart start, CallEvent event) {
    String operation = DefaultOllamaObservationConvention.operationName(start.operation());
    boolean embeddings = operation.equals("embeddings");
    if (!embeddings && !operation.equals("chat") && !operation.equals("text_completion")) {
      return;
    }
    Tags common =
        Tags.of(
            "gen_ai.operation.name", operation,
            "gen_ai.provider.name", DefaultOllamaObservationConvention.PROVIDER,
            "gen_ai.request.model", start.model().filter(name -> !name.isBlank()).orElse(NONE),
            "gen_ai.response.model",
                event
                    .answer()
                    .flatMap(DefaultOllamaObservationConvention::responseModel)
                    .orElse(NONE),
            "server.address", start.serverAddress(),
            "server.port", Integer.toString(start.serverPort()));
    DistributionSummary.builder(OPERATION_DURATION)
        .description("GenAI operation duration")
        .baseUnit("s")
        .serviceLevelObjectives(DURATION_BUCKETS)
        .tags(common)
        .tag("error.type", event.error().map(e -> e.getClass().getName()).orElse(NONE))
        .register(registry)
        .record(event.duration().toNanos() / 1e9);
    event
        .metrics()
        .ifPresent(
            metrics -> {
              tokenUsage(common, "input").record(metrics.promptEvalCount());
              if (!embeddings) {
                tokenUsage(common, "output").record(metrics.evalCount());
              }
            });
  }

  private DistributionSummary tokenUsage(Tags common, String type) {
    return DistributionSummary.builder(TOKEN_USAGE)
        .description("Number of input and output tokens used")
        .baseUnit("{token}")
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .tags(common)
        .tag("gen_ai.token.type", type)
        .register(registry);
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
