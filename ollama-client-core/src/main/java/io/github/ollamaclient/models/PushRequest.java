package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/push}: which local model to upload to a registry. The name must
 * include the namespace the registry knows you by, {@code namespace/model:tag} (copy a model to
 * such a name first with {@code client.copy(...)}).
 *
 * <pre>{@code
 * PushRequest request = PushRequest.builder("mattw/pygmalion:latest").build();
 * }</pre>
 */
public final class PushRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("insecure")
  private final Boolean insecure;

  private PushRequest(Builder builder) {
    this.model = builder.model;
    this.insecure = builder.insecure;
  }

  /** A builder for pushing {@code model}, written {@code namespace/model:tag}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.insecure = insecure;
    return builder;
  }

  /** The model to push, {@code namespace/model:tag}. */
  public String model() {
    return model;
  }

  /** Whether the registry may be reached without TLS verification; {@code false} by default. */
  public boolean insecure() {
    return Boolean.TRUE.equals(insecure);
  }

  @Override
  public String toString() {
    return "PushRequest[model=" + model + ", insecure=" + insecure() + "]";
  }

  /** Builds a {@link PushRequest}. */
  public static final class Builder {
    private String model;
    private Boolean insecure;

    private Builder(String model) {
      this.model = model;
    }

    /** The model to push, {@code namespace/model:tag}. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Allow an insecure connection to the registry (no TLS verification); only for your own
     * registry during development. Default {@code false} (not sent).
     */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure ? Boolean.TRUE : null;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when the model is blank or has no namespace
     * @throws NullPointerException when the model is {@code null}
     */
    public PushRequest build() {
      ModelNames.requireName(model, "model");
      int slash = model.indexOf('/');
      if (slash <= 0 || slash == model.length() - 1) {
        throw new IllegalArgumentException(
            "model must be written namespace/model:tag to be pushed, was \""
                + model
                + "\"; copy it to such a name first");
      }
      return new PushRequest(this);
    }
  }
}
