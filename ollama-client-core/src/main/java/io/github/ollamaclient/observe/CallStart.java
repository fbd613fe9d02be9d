package io.github.ollamaclient.observe;

import java.util.Objects;
import java.util.Optional;

/**
 * One call about to be sent, as {@link OllamaListener#onCallStarted} hears of it.
 *
 * <p>All but {@code request} are bounded values, safe as metric tags. {@code request} holds the
 * caller's prompts and messages: use it only where content belongs (an opt-in span attribute),
 * never as a tag.
 *
 * @param operation the client method's name: {@code chat}, {@code generate}, {@code embed}, {@code
 *     list}, {@code pull}, …
 * @param method the HTTP method
 * @param path the request path, such as {@code /api/chat}
 * @param model the model the request names, when it names one
 * @param streamed whether the answer is read as a stream
 * @param serverAddress the host the call goes to, as the base URL names it ({@code localhost},
 *     {@code 10.0.0.5}, {@code ::1}, {@code ollama.com} for web search)
 * @param serverPort the port the call goes to, the scheme's default when the URL names none
 * @param request the request the call sends ({@code ChatRequest}, {@code GenerateRequest}, {@code
 *     EmbedRequest}, {@code PullRequest}, …), when it sends one of the client's request types
 */
public record CallStart(
    String operation,
    String method,
    String path,
    Optional<String> model,
    boolean streamed,
    String serverAddress,
    int serverPort,
    Optional<Object> request) {

  /** Checks that nothing is null and the port is one. */
  public CallStart {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serverAddress, "serverAddress");
    Objects.requireNonNull(request, "request");
    if (serverPort < 1 || serverPort > 65535) {
      throw new IllegalArgumentException("serverPort must be from 1 to 65535, was " + serverPort);
    }
  }
}
