package io.github.ollamaclient.spring;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PullProgress;
import io.github.ollamaclient.models.PullRequest;
import io.github.ollamaclient.spring.OllamaClientProperties.PullModelStrategy;
import io.github.ollamaclient.stream.ResponseStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Pulls the application's models when it starts, as {@code ollama.init.pull-model-strategy} says:
 * never, when missing, or always. Runs once every bean exists, so a failed pull stops the start
 * with the model's name and Ollama's reason; progress is logged at INFO in whole percents of the
 * whole model, once each, with the bytes, the rate and the time left.
 */
public final class OllamaModelInitializer implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger(OllamaModelInitializer.class);

  private final OllamaClient client;
  private final PullModelStrategy strategy;
  private final List<String> models;
  private final Duration timeout;
  private final Consumer<String> log;

  /**
   * An initializer for {@code properties}' models on {@code client}'s server.
   *
   * @param log where progress lines go; INFO of this class's logger in the application
   */
  OllamaModelInitializer(
      OllamaClient client, OllamaClientProperties properties, Consumer<String> log) {
    this.client = Objects.requireNonNull(client, "client");
    OllamaClientProperties.Init init = properties.getInit();
    this.strategy =
        Objects.requireNonNullElse(init.getPullModelStrategy(), PullModelStrategy.NEVER);
    List<String> named = new ArrayList<>(init.getModels());
    if (named.isEmpty() && properties.getModel() != null && !properties.getModel().isBlank()) {
      named.add(properties.getModel());
    }
    this.models = List.copyOf(named);
    this.timeout = init.getTimeout();
    this.log = log;
  }

  /** The initializer the auto-configuration makes: progress at INFO. */
  static OllamaModelInitializer of(OllamaClient client, OllamaClientProperties properties) {
    return new OllamaModelInitializer(client, properties, LOG::info);
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (strategy == PullModelStrategy.NEVER || models.isEmpty()) {
      return;
    }
    try (OllamaClient patient =
        client.newBuilder().callTimeout(timeout == null ? Duration.ZERO : timeout).build()) {
      for (String model : models) {
        pull(patient, model);
      }
    }
  }

  private void pull(OllamaClient patient, String model) {
    Percent percent = new Percent(model, log, Clock.systemUTC());
    try {
      if (strategy == PullModelStrategy.WHEN_MISSING) {
        if (patient.ensureModel(model, percent)) {
          log.accept("Pulled model " + model);
        }
        return;
      }
      try (ResponseStream<ProgressResponse> progress =
          patient.pull(PullRequest.builder(model).build())) {
        progress.forEach(percent);
      }
      log.accept("Pulled model " + model);
    } catch (OllamaException e) {
      throw new IllegalStateException(
          "Could not pull model "
              + model
              + " (ollama.init.pull-model-strategy="
              + strategy.name().toLowerCase(Locale.ROOT).replace('_', '-')
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Turns progress lines into a log line per whole percent of the whole model (all its layers, as
   * {@link PullProgress} sums them), with the bytes, the rate and the time left.
   */
  static final class Percent implements Consumer<ProgressResponse> {
    private final String model;
    private final Consumer<String> log;
    private final Clock clock;
    private PullProgress progress;
    private int last = -1;

    Percent(String model, Consumer<String> log, Clock clock) {
      this.model = model;
      this.log = log;
      this.clock = clock;
      this.progress = PullProgress.start(clock.instant());
    }

    @Override
    public void accept(ProgressResponse line) {
      progress = progress.next(line, clock.instant());
      if (line.digest().isEmpty() || progress.fraction().isEmpty()) {
        return;
      }
      // A layer named late grows the total, so the figure may step back; it is logged then too.
      int now = (int) Math.floor(progress.fraction().getAsDouble() * 100);
      if (now != last) {
        last = now;
        StringBuilder text =
            new StringBuilder("Pulling model ")
                .append(model)
                .append(": ")
                .append(now)
                .append("% of ")
                .append(megabytes(progress.totalBytes()));
        progress
            .bytesPerSecond()
            .ifPresent(rate -> text.append(", ").append(megabytes((long) rate)).append("/s"));
        progress
            .eta()
            .filter(left -> !progress.layersComplete())
            .ifPresent(
                left -> text.append(", ").append((left.toMillis() + 999) / 1000).append(" s left"));
        log.accept(text.toString());
      }
    }

    private static String megabytes(long bytes) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
  }
}
