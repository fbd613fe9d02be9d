package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.inference.Options;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /api/show} with more than a model name: the large metadata, or how the
 * model would look with another system prompt or other options.
 *
 * <pre>{@code
 * ShowResponse info = client.show(ShowRequest.builder("llama3.2")
 *     .system("You are terse.")
 *     .options(Options.builder().numCtx(8192).build())
 *     .build());
 * }</pre>
 *
 * <p>Ollama answers {@code system} in {@link ShowResponse#system()} and in the Modelfile instead of
 * the model's own, and adds {@code options} to the Modelfile's {@code PARAMETER} lines (not to
 * {@link ShowResponse#parameters()}, which stays what the model was created with). Nothing on the
 * server changes.
 */
public final class ShowRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("verbose")
  private final Boolean verbose;

  @JsonProperty("system")
  private final String system;

  @JsonProperty("options")
  private final Options options;

  private ShowRequest(Builder builder) {
    this.model = builder.model;
    this.verbose = builder.verbose ? Boolean.TRUE : null;
    this.system = builder.system;
    this.options = builder.options;
  }

  /** A builder for showing {@code model}, such as {@code llama3.2}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.verbose = verbose();
    builder.system = system;
    builder.options = options;
    return builder;
  }

  /** The model to show. */
  public String model() {
    return model;
  }

  /**
   * Whether the large metadata (tokenizer arrays, tensors) is asked for; {@code false} by default.
   */
  public boolean verbose() {
    return Boolean.TRUE.equals(verbose);
  }

  /** The system prompt to show the model with, instead of its own. */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /** The options to show in the model's Modelfile besides its own. */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShowRequest that
        && model.equals(that.model)
        && verbose() == that.verbose()
        && Objects.equals(system, that.system)
        && Objects.equals(options, that.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, verbose(), system, options);
  }

  @Override
  public String toString() {
    return "ShowRequest[model="
        + model
        + (verbose() ? ", verbose" : "")
        + (system == null ? "" : ", system=" + system)
        + (options == null ? "" : ", options=" + options)
        + "]";
  }

  /** Builds a {@link ShowRequest}. */
  public static final class Builder {
    private String model;
    private boolean verbose;
    private String system;
    private Options options;

    private Builder(String model) {
      this.model = model;
    }

    /** The model to show. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Also sends the large fields of {@link ShowResponse#modelInfo()} (tokenizer vocabulary,
     * merges), often megabytes, and the tensors. Default {@code false} (not sent).
     */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /** A system prompt to show in place of the model's own ({@code system}); not sent when null. */
    public Builder system(String system) {
      this.system = system;
      return this;
    }

    /** Options to show in the Modelfile besides the model's own; not sent when null. */
    public Builder options(Options options) {
      this.options = options;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when the model is blank
     * @throws NullPointerException when the model is {@code null}
     */
    public ShowRequest build() {
      ModelNames.requireName(model, "model");
      return new ShowRequest(this);
    }
  }
}
