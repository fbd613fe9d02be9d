package io.github.ollamaclient.examples.proxy;

import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaTimeoutException;

/** What the page is told when Ollama fails: a status it can act on and the cause in words. */
final class OllamaFailures {
  private OllamaFailures() {}

  static ApiException toApi(OllamaException e, String baseUrl) {
    if (e instanceof ModelNotFoundException missing) {
      // Read in a browser: the SDK's message speaks to Java code (client.pull), this one to
      // whoever runs Ollama.
      String model = missing.model().orElse("<model>");
      return new ApiException(
          404,
          "The model "
              + model
              + " is not on the Ollama server at "
              + baseUrl
              + ". Pull it where Ollama runs: `ollama pull "
              + model
              + "` (with docker compose: `docker compose exec ollama ollama pull "
              + model
              + "`).",
          e);
    }
    if (e instanceof OllamaTimeoutException) {
      return new ApiException(
          504, "Ollama at " + baseUrl + " did not answer in time: " + e.getMessage(), e);
    }
    if (e instanceof OllamaConnectionException) {
      return new ApiException(
          503,
          "Ollama is not reachable at "
              + baseUrl
              + ": "
              + e.getMessage()
              + " With docker compose, check that the ollama service is healthy.",
          e);
    }
    // A redirect (3xx) is not passed on: the page cannot follow it, and the client did not.
    if (e instanceof OllamaHttpException http
        && http.statusCode() >= 400
        && http.statusCode() < 500) {
      String detail = http.errorMessage().isBlank() ? e.getMessage() : http.errorMessage();
      return new ApiException(http.statusCode(), "Ollama refused the request: " + detail, e);
    }
    return new ApiException(502, "Ollama at " + baseUrl + " failed: " + e.getMessage(), e);
  }
}
