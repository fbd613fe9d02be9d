package io.github.ollamaclient.examples.schedule;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.examples.common.OllamaSlots;
import io.github.ollamaclient.spring.OllamaClientProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the suggester to the auto-configured {@link OllamaClient} and {@code ollama.model}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CorsProperties.class, SuggesterProperties.class})
public class ScheduleConfiguration {
  /** The suggester, asking {@code ollama.model} for at most {@code app.max-num-predict} tokens. */
  @Bean
  public ScheduleSuggester scheduleSuggester(
      OllamaClient client, OllamaClientProperties properties, SuggesterProperties limits) {
    String model = properties.getModel();
    if (model == null || model.isBlank()) {
      throw new IllegalStateException(
          "ollama.model is not set: set it (or the OLLAMA_MODEL environment variable) to the"
              + " model to ask, such as 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0");
    }
    return new ScheduleSuggester(client, model, limits.maxNumPredict());
  }

  /** The bound on requests asking Ollama at once ({@code app.max-concurrent}, its queue). */
  @Bean
  public OllamaSlots ollamaSlots(SuggesterProperties limits) {
    return new OllamaSlots(limits.maxConcurrent(), limits.queueSize(), limits.queueTimeout());
  }

  /**
   * The gate before everything else: CORS, path, method, content type and size are settled before
   * Spring MVC sees a request.
   */
  @Bean
  @ConditionalOnWebApplication
  FilterRegistrationBean<GateFilter> gateFilter(CorsProperties cors, SuggesterProperties limits) {
    FilterRegistrationBean<GateFilter> registration =
        new FilterRegistrationBean<>(new GateFilter(cors, limits));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
