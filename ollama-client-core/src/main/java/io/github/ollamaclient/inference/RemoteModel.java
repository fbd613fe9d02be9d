package io.github.ollamaclient.inference;

import java.util.Optional;

/**
 * The model that really answered when the local server passed a request on to another Ollama host:
 * a cloud model such as {@code gpt-oss:120b-cloud} runs on ollama.com ({@code remote_model} and
 * {@code remote_host} in Ollama's answers).
 *
 * <pre>{@code
 * reply.remote().ifPresent(remote ->
 *     System.out.println("answered by " + remote.name() + " on " + remote.host()));
 * }</pre>
 *
 * @param name the upstream model's name ({@code remote_model}); empty when not sent
 * @param host the upstream host's URL ({@code remote_host}), such as {@code
 *     https://ollama.com:443}; empty when not sent
 */
public record RemoteModel(String name, String host) {
  /** Normalises absent values to empty strings. */
  public RemoteModel {
    name = name == null ? "" : name;
    host = host == null ? "" : host;
  }

  /** The remote model of an answer's two fields; empty when neither was sent or both are empty. */
  public static Optional<RemoteModel> of(String name, String host) {
    boolean none = (name == null || name.isEmpty()) && (host == null || host.isEmpty());
    return none ? Optional.empty() : Optional.of(new RemoteModel(name, host));
  }
}
