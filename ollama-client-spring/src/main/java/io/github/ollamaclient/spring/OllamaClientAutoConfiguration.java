package io.github.ollamaclient.spring;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.PromptTruncation;
import io.github.ollamaclient.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.origin.Origin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.unit.DataSize;

/**
 * Provides an {@link OllamaClient} bean, unless the application defines one: built from {@link
 * OllamaClientProperties} ({@code ollama.*}), with every {@link OllamaListener} bean registered,
 * then refined by every {@link OllamaClientBuilderCustomizer} bean in order. The client is closed
 * with the application context. Its reflection hints ({@code OllamaClientRuntimeHints}) reach a
 * native image through Spring AOT.
 *
 * <p>The server's address comes from the {@link OllamaConnectionDetails} bean: one from a Docker
 * Compose service or a Testcontainers {@code @ServiceConnection} when Spring Boot defines it (it
 * wins over {@code ollama.base-url}), else one read from the properties.
 */
@AutoConfiguration
@ConditionalOnClass(OllamaClient.class)
@EnableConfigurationProperties(OllamaClientProperties.class)
@ImportRuntimeHints(OllamaClientRuntimeHints.class)
public final class OllamaClientAutoConfiguration {
  private static final String BASE_URL_ACTION =
      "Set ollama.base-url to the Ollama server, such as http://localhost:11434 (host, host:port,"
          + " :port and https://host/path also work), or remove it to use OLLAMA_HOST.";

  /** The configuration; Spring Boot creates it. */
  public OllamaClientAutoConfiguration() {}

  /**
   * The server the {@code ollama.*} properties name, unless a Docker Compose service, a
   * Testcontainers {@code @ServiceConnection} or the application defines other details.
   */
  @Bean
  @ConditionalOnMissingBean(OllamaConnectionDetails.class)
  OllamaConnectionDetails ollamaConnectionDetails(OllamaClientProperties properties) {
    return new PropertiesOllamaConnectionDetails(properties);
  }

  /**
   * The client.
   *
   * @throws InvalidOllamaPropertyException when a property holds a value the client rejects
   * @throws IllegalStateException when connection details other than the properties give an address
   *     the client rejects
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  OllamaClient ollamaClient(
      OllamaClientProperties properties,
      OllamaConnectionDetails connectionDetails,
      ObjectProvider<OllamaListener> listeners,
      ObjectProvider<OllamaClientBuilderCustomizer> customizers) {
    OllamaClient.Builder builder = OllamaClient.builder();
    applyProperties(properties, builder);
    // The properties' own details leave the address to applyProperties, which tells an unset
    // ollama.base-url (the client reads OLLAMA_HOST itself) from a wrong one.
    if (!(connectionDetails instanceof PropertiesOllamaConnectionDetails)) {
      applyConnectionDetails(connectionDetails, builder);
    }
    List<OllamaListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      builder.listener(all.size() == 1 ? all.get(0) : new CompositeListener(all));
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // The only setting build() itself checks is the host: an unset base-url fell back to a bad
      // OLLAMA_HOST, or a customizer set one.
      throw new InvalidOllamaPropertyException(
          "ollama.base-url",
          "unset or overridden, and the resulting server address is unusable: " + e.getMessage(),
          BASE_URL_ACTION,
          e);
    }
  }

  /**
   * Pulls the application's models at start-up when {@code ollama.init.pull-model-strategy} asks
   * (never, by default).
   */
  @Bean
  @ConditionalOnMissingBean
  OllamaModelInitializer ollamaModelInitializer(
      OllamaClient client, OllamaClientProperties properties) {
    return OllamaModelInitializer.of(client, properties);
  }

  private static void applyConnectionDetails(
      OllamaConnectionDetails details, OllamaClient.Builder to) {
    String baseUrl = details.baseUrl();
    try {
      if (baseUrl == null) {
        throw new IllegalArgumentException("baseUrl() returned null");
      }
      to.baseUrl(baseUrl);
    } catch (IllegalArgumentException e) {
      // Not a property the user wrote: name where the details came from (a compose file's service,
      // a container bean), which Spring Boot records as their origin.
      Origin origin = Origin.from(details);
      throw new IllegalStateException(
          "The Ollama connection details from "
              + (origin != null ? origin : details.getClass().getName())
              + " give an unusable server address ("
              + e.getMessage()
              + "). Fix what they come from, or remove them to use ollama.base-url.",
          e);
    }
  }

  private static void applyProperties(OllamaClientProperties properties, OllamaClient.Builder to) {
    if (properties.getBaseUrl() != null) {
      apply("ollama.base-url", BASE_URL_ACTION, () -> to.baseUrl(properties.getBaseUrl()));
    }
    if (properties.getApiKey() != null && !properties.getApiKey().isBlank()) {
      to.apiKey(properties.getApiKey());
    }
    for (String host : properties.getAllowApiKeyOverHttp()) {
      apply(
          "ollama.allow-api-key-over-http",
          "List host names, such as ollama or 10.0.0.5, in ollama.allow-api-key-over-http.",
          () -> to.allowApiKeyOverHttp(host == null ? "" : host));
    }
    for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
      String property = "ollama.headers[" + header.getKey() + "]";
      apply(
          property,
          "Use a header name and value of visible ASCII characters in " + property + ".",
          () -> to.header(header.getKey(), header.getValue()));
    }
    timeout("ollama.connect-timeout", properties.getConnectTimeout(), to::connectTimeout);
    timeout("ollama.read-timeout", properties.getReadTimeout(), to::readTimeout);
    timeout("ollama.write-timeout", properties.getWriteTimeout(), to::writeTimeout);
    timeout("ollama.call-timeout", properties.getCallTimeout(), to::callTimeout);
    timeout("ollama.first-chunk-timeout", properties.getFirstChunkTimeout(), to::firstChunkTimeout);
    to.retryPolicy(retryPolicy(properties.getRetry()));
    if (properties.getKeepAlive() != null) {
      to.defaultKeepAlive(keepAlive(properties.getKeepAlive()));
    }
    DataSize maxResponseSize = properties.getMaxResponseSize();
    if (maxResponseSize != null) {
      apply(
          "ollama.max-response-size",
          "Set ollama.max-response-size to a positive size, such as 64MB, or remove it.",
          () -> to.maxResponseBytes(maxResponseSize.toBytes()));
    }
    if (properties.getTruncationCheck() != null) {
      to.truncationCheck(properties.getTruncationCheck());
    }
  }

  /** The keep-alive a property means: negative keeps the model forever, zero unloads it. */
  static KeepAlive keepAlive(Duration value) {
    if (value.isNegative()) {
      return KeepAlive.FOREVER;
    }
    return KeepAlive.of(value);
  }

  /**
   * The retry policy the {@code ollama.retry.*} properties mean; an unset (null) value keeps the
   * policy's default.
   *
   * @throws InvalidOllamaPropertyException naming the first property the policy rejects
   */
  static RetryPolicy retryPolicy(OllamaClientProperties.Retry retry) {
    if (!retry.isEnabled()) {
      return RetryPolicy.none();
    }
    RetryPolicy.Builder policy = RetryPolicy.builder();
    apply(
        "ollama.retry.max-attempts",
        "Set ollama.retry.max-attempts to 1 (no retry) or more, or ollama.retry.enabled to false.",
        () -> policy.maxAttempts(retry.getMaxAttempts()));
    backoff("ollama.retry.initial-backoff", retry.getInitialBackoff(), policy::initialBackoff);
    backoff("ollama.retry.max-backoff", retry.getMaxBackoff(), policy::maxBackoff);
    backoff("ollama.retry.max-elapsed", retry.getMaxElapsed(), policy::maxElapsed);
    if (retry.getStatuses() != null) {
      policy.noStatusRetries();
      for (Integer status : retry.getStatuses()) {
        apply(
            "ollama.retry.statuses",
            "List error statuses 400-599 other than 404 in ollama.retry.statuses, such as 429,"
                + " 503; leave it empty to retry no status.",
            () -> policy.retryOnStatus(status));
      }
    }
    try {
      return policy.build();
    } catch (IllegalArgumentException e) {
      // build() only compares the two backoffs, the one check that spans properties.
      throw new InvalidOllamaPropertyException(
          "ollama.retry.max-backoff",
          e.getMessage(),
          "Set ollama.retry.max-backoff to at least ollama.retry.initial-backoff.",
          e);
    }
  }

  private static void backoff(String property, Duration value, Consumer<Duration> setter) {
    if (value != null) {
      apply(
          property,
          "Set " + property + " to zero or a positive duration such as 500ms.",
          () -> setter.accept(value));
    }
  }

  private static void timeout(String property, Duration value, Consumer<Duration> setter) {
    if (value != null) {
      apply(
          property,
          "Set " + property + " to zero (no limit) or a positive duration such as 30s.",
          () -> setter.accept(value));
    }
  }

  private static void apply(String property, String action, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException e) {
      // The builder's message names the value and what is wrong with it; never an API key here.
      throw new InvalidOllamaPropertyException(property, e.getMessage(), action, e);
    }
  }

  /**
   * Several listener beans as the builder's single listener. Each hears every start and end even
   * when an earlier one throws; the first failure of an end is passed on for the client to log.
   */
  private record CompositeListener(List<OllamaListener> listeners) implements OllamaListener {
    private static final Log LOG = LogFactory.getLog(OllamaClientAutoConfiguration.class);

    @Override
    public void onCallFinished(CallEvent event) {
      each(listeners, listener -> listener.onCallFinished(event));
    }

    @Override
    public CallHandle onCallStarted(CallStart start) {
      List<CallHandle> handles = new ArrayList<>(listeners.size());
      for (OllamaListener listener : listeners) {
        CallHandle handle;
        try {
          handle = Objects.requireNonNull(listener.onCallStarted(start), "onCallStarted");
        } catch (RuntimeException e) {
          // Thrown here, it would cost the other listeners their handles: logged, as the client
          // does, and the end goes to the listener's onCallFinished.
          LOG.warn("OllamaListener " + listener + " failed on the start of " + start.path(), e);
          handle = listener::onCallFinished;
        }
        if (handle != CallHandle.NONE) {
          handles.add(handle);
        }
      }
      if (handles.isEmpty()) {
        return CallHandle.NONE;
      }
      return handles.size() == 1
          ? handles.get(0)
          : event -> each(handles, handle -> handle.onCallFinished(event));
    }

    @Override
    public void onPromptTruncated(PromptTruncation truncation) {
      each(listeners, listener -> listener.onPromptTruncated(truncation));
    }

    /** Calls each target, all of them even when one throws; the first failure is rethrown. */
    private static <T> void each(List<T> targets, Consumer<T> call) {
      RuntimeException failure = null;
      for (T target : targets) {
        try {
          call.accept(target);
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
