package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaRedirectException;
import org.junit.jupiter.api.Test;

/** How the page is told of an Ollama failure: a status it can act on, never one it cannot. */
class OllamaFailuresTest {
  @Test
  void aRedirectTheClientRefusedIsABadGatewayNotARedirectWithoutLocation() {
    ApiException api =
        OllamaFailures.toApi(
            new OllamaRedirectException(
                307, "POST", "/api/chat", "http://elsewhere:11434/api/pull", ""),
            "http://ollama:11434");

    assertThat(api.status()).isEqualTo(502);
    assertThat(api.getMessage()).contains("redirected to http://elsewhere:11434/api/pull");
  }

  @Test
  void anOllamaRefusalKeepsItsStatus() {
    ApiException api =
        OllamaFailures.toApi(
            new OllamaHttpException(400, "POST", "/api/chat", "invalid format", ""),
            "http://ollama:11434");

    assertThat(api.status()).isEqualTo(400);
    assertThat(api.getMessage()).contains("invalid format");
  }
}
