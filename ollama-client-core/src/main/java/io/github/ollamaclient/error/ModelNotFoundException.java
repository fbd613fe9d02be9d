package io.github.ollamaclient.error;

import java.util.Optional;

/**
 * The model named in the request is not on the server (HTTP 404 with Ollama's {@code model ... not
 * found} error).
 *
 * <p>The message says how to get it: {@code client.pull(model)} or {@code ollama pull <model>}.
 */
public class ModelNotFoundException extends OllamaHttpException {
  private static final long serialVersionUID = 1L;

  private final String model;

  /**
   * Creates the exception.
   *
   * @param model the model the request named, or {@code null} when the request named none
   * @param method the request method
   * @param path the request path
   * @param errorMessage Ollama's error text
   * @param body the raw response body
   */
  public ModelNotFoundException(
      String model, String method, String path, String errorMessage, String body) {
    super(describe(model, method, path, errorMessage), 404, method, path, errorMessage, body);
    this.model = model;
  }

  private static String describe(String model, String method, String path, String error) {
    String text = error == null || error.isBlank() ? "model not found" : error;
    String hint =
        model == null || model.isBlank()
            ? " Pull the model first (client.pull(model) or `ollama pull <model>`)."
            : " Pull it first: client.pull(\"" + model + "\") or `ollama pull " + model + "`.";
    return method + " " + path + " failed with HTTP 404: " + text + "." + hint;
  }

  /** The model the request named, when it named one. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }
}
