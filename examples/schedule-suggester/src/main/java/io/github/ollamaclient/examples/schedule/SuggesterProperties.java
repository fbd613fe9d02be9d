package io.github.ollamaclient.examples.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code app.*}: what one page may ask of the GPU through this service. The Ollama connection
 * itself is configured with {@code ollama.*} (the ollama-client-spring starter), the browser
 * origins with {@code app.cors.*} ({@link CorsProperties}).
 *
 * @param maxConcurrent requests asking Ollama at once (each holds its slot for the answer and the
 *     retry); more wait in the queue. Set it near the server's {@code OLLAMA_NUM_PARALLEL}: more
 *     only queue on the GPU, invisibly. Default 4
 * @param queueSize requests that may wait for a slot; one more is refused at once with 503 and
 *     {@code Retry-After}. Default 16; 0 refuses at once when all slots are taken
 * @param queueTimeout how long a request waits in the queue before it is refused with 503 and
 *     {@code Retry-After}. Default 10 s
 * @param maxNumPredict the most tokens the model may generate per call, always sent as the
 *     request's {@code num_predict}: a schedule answer needs far fewer, and without it Ollama
 *     generates until the model stops or the context is full. Default 2048
 * @param maxTasks the most tasks one request may hold; more are refused naming {@code tasks}. Keeps
 *     the prompt, and the answer, within a small model's context. Default 50
 * @param maxTitleChars the most characters of one task's title; a longer one is refused naming
 *     {@code tasks[i].title}. With {@code maxTasks} it bounds the prompt. Default 200
 * @param maxBreaks the most breaks one request may hold; more are refused naming {@code breaks}.
 *     Each break is a line of the prompt, which is sent twice when the first answer is retried.
 *     Default 10
 * @param maxBodySize the largest request body; a larger one is refused with 413 before it is read
 *     whole, whether it declares its length or comes in chunks. Default 64KB: the largest request
 *     within the other limits is well under half of it
 */
@ConfigurationProperties("app")
public record SuggesterProperties(
    @DefaultValue("4") int maxConcurrent,
    @DefaultValue("16") int queueSize,
    @DefaultValue("10s") Duration queueTimeout,
    @DefaultValue("2048") int maxNumPredict,
    @DefaultValue("50") int maxTasks,
    @DefaultValue("200") int maxTitleChars,
    @DefaultValue("10") int maxBreaks,
    @DefaultValue("64KB") DataSize maxBodySize) {

  /** The defaults, as documented above. */
  public static final SuggesterProperties DEFAULTS =
      new SuggesterProperties(
          4, 16, Duration.ofSeconds(10), 2048, 50, 200, 10, DataSize.ofKilobytes(64));

  /** Refuses settings that would make no sense, naming the property. */
  public SuggesterProperties {
    atLeast("app.max-concurrent", maxConcurrent, 1);
    atLeast("app.queue-size", queueSize, 0);
    if (queueTimeout == null || queueTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "app.queue-timeout must not be negative, was " + queueTimeout);
    }
    atLeast("app.max-num-predict", maxNumPredict, 1);
    atLeast("app.max-tasks", maxTasks, 1);
    atLeast("app.max-title-chars", maxTitleChars, 1);
    atLeast("app.max-breaks", maxBreaks, 0);
    if (maxBodySize == null || maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException(
          "app.max-body-size must be at least 1 byte, was " + maxBodySize);
    }
  }

  private static void atLeast(String property, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(
          property
              + (least == 0 ? " must not be negative" : " must be at least " + least)
              + ", was "
              + value);
    }
  }
}
