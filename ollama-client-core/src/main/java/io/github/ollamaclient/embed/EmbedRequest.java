package io.github.ollamaclient.embed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to {@code POST /api/embed}: one text or several, each turned into a vector.
 *
 * <pre>{@code
 * EmbedRequest one = EmbedRequest.builder("all-minilm").input("Why is the sky blue?").build();
 * EmbedRequest many = EmbedRequest.builder("all-minilm")
 *     .inputs(List.of("Why is the sky blue?", "Why is the grass green?"))
 *     .dimensions(256)
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #toBuilder()} makes a changed copy. Read from Ollama's JSON ({@code
 * OllamaJson.read}) through its {@link Builder}: each setter marked {@code @JsonProperty} takes its
 * field, so the builder's checks apply to both.
 */
@JsonDeserialize(builder = EmbedRequest.Builder.class)
public final class EmbedRequest {
  @JsonProperty("model")
  private final String model;

  private final List<String> inputs;
  private final boolean single;

  @JsonProperty("truncate")
  private final Boolean truncate;

  @JsonProperty("dimensions")
  private final Integer dimensions;

  @JsonProperty("options")
  private final Options options;

  @JsonProperty("keep_alive")
  private final KeepAlive keepAlive;

  private EmbedRequest(Builder builder) {
    this.model = builder.model;
    this.inputs = Collections.unmodifiableList(new ArrayList<>(builder.inputs));
    this.single = builder.single;
    this.truncate = builder.truncate;
    this.dimensions = builder.dimensions;
    this.options = builder.options;
    this.keepAlive = builder.keepAlive;
  }

  /**
   * A builder for a request to {@code model}, such as {@code all-minilm} or {@code embeddinggemma}.
   * Set the text with {@link Builder#input(String)} or {@link Builder#inputs(List)}.
   */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.inputs = new ArrayList<>(inputs);
    builder.single = single;
    builder.truncate = truncate;
    builder.dimensions = dimensions;
    builder.options = options;
    builder.keepAlive = keepAlive;
    return builder;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The texts to embed, in order; the response has one vector per text, in the same order. */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * Whether inputs that exceed the context window are cut to fit ({@code true}) or fail the request
   * ({@code false}); empty for the server's default, which truncates.
   */
  public Optional<Boolean> truncate() {
    return Optional.ofNullable(truncate);
  }

  /** How many dimensions each vector has, for models that can shorten theirs; empty for all. */
  public OptionalInt dimensions() {
    return dimensions == null ? OptionalInt.empty() : OptionalInt.of(dimensions);
  }

  /** The model options for this request; empty for the model's defaults. */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  /** How long the model stays loaded after this request; empty for the server's default (5 min). */
  public Optional<KeepAlive> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /** {@code input} as sent: a string when set with {@code input(String)}, else an array. */
  @JsonProperty("input")
  private Object wireInput() {
    return single ? inputs.get(0) : inputs;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbedRequest that
        && model.equals(that.model)
        && inputs.equals(that.inputs)
        && single == that.single
        && Objects.equals(truncate, that.truncate)
        && Objects.equals(dimensions, that.dimensions)
        && Objects.equals(options, that.options)
        && Objects.equals(keepAlive, that.keepAlive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, inputs, single, truncate, dimensions, options, keepAlive);
  }

  @Override
  public String toString() {
    // Inputs may be whole documents: show how many, not what.
    return "EmbedRequest[model="
        + model
        + ", inputs="
        + inputs.size()
        + (truncate == null ? "" : ", truncate=" + truncate)
        + (dimensions == null ? "" : ", dimensions=" + dimensions)
        + (options == null ? "" : ", options=" + options)
        + (keepAlive == null ? "" : ", keepAlive=" + keepAlive)
        + "]";
  }

  /** Builds an {@link EmbedRequest}. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String model;
    private List<String> inputs = new ArrayList<>();
    private boolean single;
    private Boolean truncate;
    private Integer dimensions;
    private Options options;
    private KeepAlive keepAlive;

    private Builder(String model) {
      this.model = model;
    }

    /** For JSON, where the model is one field among the others, in any order. */
    @JsonCreator
    private Builder() {}

    @JsonProperty("model")
    private Builder model(String model) {
      this.model = model;
      return this;
    }

    /** One text to embed, sent as a string; replaces inputs set before. */
    public Builder input(String input) {
      Objects.requireNonNull(input, "input");
      this.inputs = new ArrayList<>(List.of(input));
      this.single = true;
      return this;
    }

    /**
     * Several texts to embed in one call, sent as an array (even when it holds one text); replaces
     * inputs set before. The list is copied.
     */
    public Builder inputs(List<String> inputs) {
      Objects.requireNonNull(inputs, "inputs");
      // ArrayList, not List.copyOf: a null element must reach build() to be reported by index.
      this.inputs = new ArrayList<>(inputs);
      this.single = false;
      return this;
    }

    /** {@code input} as Ollama takes it: a string, or an array of strings. */
    @JsonProperty("input")
    private Builder wireInput(Object input) {
      if (input instanceof String text) {
        return input(text);
      }
      if (!(input instanceof List<?> texts)) {
        throw new IllegalArgumentException("input must be a string or an array of strings");
      }
      List<String> inputs = new ArrayList<>(texts.size());
      for (Object text : texts) {
        if (!(text instanceof String)) {
          throw new IllegalArgumentException("input[" + inputs.size() + "] must be a string");
        }
        inputs.add((String) text);
      }
      return inputs(inputs);
    }

    /**
     * Whether to cut inputs longer than the context window ({@code true}, the server's default) or
     * to fail the request instead ({@code false}).
     */
    @JsonProperty("truncate")
    public Builder truncate(boolean truncate) {
      this.truncate = truncate;
      return this;
    }

    /**
     * How many dimensions each vector should have, for models trained to allow shorter vectors
     * (Matryoshka embeddings); must be positive. Default: the model's full size.
     */
    @JsonProperty("dimensions")
    public Builder dimensions(int dimensions) {
      if (dimensions <= 0) {
        throw new IllegalArgumentException("dimensions must be positive, was " + dimensions);
      }
      this.dimensions = dimensions;
      return this;
    }

    /** Model options, such as {@code num_ctx}; default: the model's own. */
    @JsonProperty("options")
    public Builder options(Options options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** How long the model stays loaded after this request; default: the server's (5 min). */
    @JsonProperty("keep_alive")
    public Builder keepAlive(KeepAlive keepAlive) {
      this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException when the model is null
     * @throws IllegalArgumentException when the model is blank, no input was set, or an input is
     *     null (the message names its index)
     */
    public EmbedRequest build() {
      Checks.requireText(model, "model");
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException(
            "inputs must hold at least one text: set input(String) or inputs(List)");
      }
      for (int i = 0; i < inputs.size(); i++) {
        if (inputs.get(i) == null) {
          throw new IllegalArgumentException("inputs[" + i + "] is null");
        }
      }
      return new EmbedRequest(this);
    }
  }
}
