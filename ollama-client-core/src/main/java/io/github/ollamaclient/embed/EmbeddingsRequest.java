package io.github.ollamaclient.embed;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to the legacy {@code POST /api/embeddings}, which Ollama superseded with {@code POST
 * /api/embed} ({@link EmbedRequest}): one prompt, one vector, not normalised.
 *
 * <pre>{@code
 * EmbeddingsRequest request = EmbeddingsRequest.builder("all-minilm")
 *     .prompt("Here is an article about llamas...")
 *     .build();
 * }</pre>
 */
public final class EmbeddingsRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("prompt")
  private final String prompt;

  @JsonProperty("options")
  private final Options options;

  @JsonProperty("keep_alive")
  private final KeepAlive keepAlive;

  private EmbeddingsRequest(Builder builder) {
    this.model = builder.model;
    this.prompt = builder.prompt;
    this.options = builder.options;
    this.keepAlive = builder.keepAlive;
  }

  /** A builder for a request to {@code model}; set the text with {@link Builder#prompt}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.prompt = prompt;
    builder.options = options;
    builder.keepAlive = keepAlive;
    return builder;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The text to embed. */
  public String prompt() {
    return prompt;
  }

  /** The model options for this request; empty for the model's defaults. */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  /** How long the model stays loaded after this request; empty for the server's default (5 min). */
  public Optional<KeepAlive> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddingsRequest that
        && model.equals(that.model)
        && prompt.equals(that.prompt)
        && Objects.equals(options, that.options)
        && Objects.equals(keepAlive, that.keepAlive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, prompt, options, keepAlive);
  }

  @Override
  public String toString() {
    return "EmbeddingsRequest[model="
        + model
        + ", prompt="
        + prompt.length()
        + " chars"
        + (options == null ? "" : ", options=" + options)
        + (keepAlive == null ? "" : ", keepAlive=" + keepAlive)
        + "]";
  }

  /** Builds an {@link EmbeddingsRequest}. */
  public static final class Builder {
    private final String model;
    private String prompt;
    private Options options;
    private KeepAlive keepAlive;

    private Builder(String model) {
      this.model = model;
    }

    /** The text to embed; required. */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** Model options, such as {@code num_ctx}; default: the model's own. */
    public Builder options(Options options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How long the model stays loaded after this request; default: the server's (5 min). */
    public Builder keepAlive(KeepAlive keepAlive) {
      this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException when the model is null
     * @throws IllegalArgumentException when the model is blank or no prompt was set
     */
    public EmbeddingsRequest build() {
      Checks.requireText(model, "model");
      if (prompt == null) {
        throw new IllegalArgumentException("prompt must be set: call prompt(String)");
      }
      return new EmbeddingsRequest(this);
    }
  }
}
