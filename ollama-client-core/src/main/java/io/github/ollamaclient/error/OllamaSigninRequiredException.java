package io.github.ollamaclient.error;

import java.util.Optional;

/**
 * The Ollama server is not signed in to ollama.com, and the request needs it: a cloud model (such
 * as {@code gpt-oss:120b-cloud}) or the server's web search relay. Ollama answers HTTP 401 with the
 * URL that connects the server to an ollama.com account.
 *
 * <p>The message says what to do: run {@code ollama signin} on the machine the server runs on, or
 * open {@link #signinUrl()} in a browser. The client's own API key does not help here: the server
 * signs its requests to ollama.com with its own key.
 */
public class OllamaSigninRequiredException extends OllamaHttpException {
  private static final long serialVersionUID = 1L;

  private final String signinUrl;
  private final String model;

  /**
   * Creates the exception.
   *
   * @param signinUrl the {@code signin_url} of Ollama's answer
   * @param model the model the request named, or {@code null} when it named none
   * @param method the request method
   * @param path the request path
   * @param errorMessage Ollama's error text
   * @param body the raw response body
   */
  public OllamaSigninRequiredException(
      String signinUrl,
      String model,
      String method,
      String path,
      String errorMessage,
      String body) {
    super(
        describe(signinUrl, model, method, path, errorMessage),
        401,
        method,
        path,
        errorMessage,
        body);
    this.signinUrl = signinUrl == null ? "" : signinUrl;
    this.model = model;
  }

  private static String describe(
      String signinUrl, String model, String method, String path, String error) {
    String text = error == null || error.isBlank() ? "unauthorized" : error;
    String needs = model == null || model.isBlank() ? "this request" : "model \"" + model + "\"";
    return method
        + " "
        + path
        + " failed with HTTP 401: "
        + text
        + ". The Ollama server is not signed in to ollama.com, which "
        + needs
        + " needs: run `ollama signin` where the server runs"
        + (signinUrl == null || signinUrl.isBlank() ? "." : ", or open " + signinUrl + ".");
  }

  /** The URL that connects the server to an ollama.com account, as Ollama sent it. */
  public String signinUrl() {
    return signinUrl;
  }

  /** The model the request named, when it named one. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }
}
