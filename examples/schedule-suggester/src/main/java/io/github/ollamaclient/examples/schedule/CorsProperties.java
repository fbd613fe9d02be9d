package io.github.ollamaclient.examples.schedule;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.cors.*}: which browser origins may call the API.
 *
 * @param allowedOrigins exact origins ({@code scheme://host:port}) allowed to call; default {@code
 *     http://localhost:3000}, the example web page; {@code *} is refused at start-up
 */
@ConfigurationProperties("app.cors")
public record CorsProperties(List<String> allowedOrigins) {
  /** Applies the default and refuses wildcards. */
  public CorsProperties {
    allowedOrigins =
        allowedOrigins == null || allowedOrigins.isEmpty()
            ? List.of("http://localhost:3000")
            : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    for (String origin : allowedOrigins) {
      if (origin.contains("*")) {
        throw new IllegalArgumentException(
            "app.cors.allowed-origins must list exact origins such as http://localhost:3000, not \""
                + origin
                + "\": a wildcard would let any web page use this service");
      }
    }
  }
}
