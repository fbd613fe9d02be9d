package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/pull}: which model to download from the registry.
 *
 * <pre>{@code
 * PullRequest request = PullRequest.builder("llama3.2").build();
 * }</pre>
 */
public final class PullRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("insecure")
  private final Boolean insecure;

  private PullRequest(Builder builder) {
    this.model = builder.model;
    this.insecure = builder.insecure;
  }

  /**
   * A builder for pulling {@code model}, such as {@code llama3.2} or {@code namespace/model:tag};
   * without a tag the server pulls {@code latest}.
   */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.insecure = insecure;
    return builder;
  }

  /** The model to pull. */
  public String model() {
    return model;
  }

  /**
   * Whether {@code insecure} was set; {@code false} by default.
   *
   * @deprecated the server ignores {@code insecure} on a pull ({@code api/types.go}: "Deprecated:
   *     ignored"): it reaches the registry as it is configured to, whatever the request says.
   */
  @Deprecated
  public boolean insecure() {
    return Boolean.TRUE.equals(insecure);
  }

  @Override
  public String toString() {
    return "PullRequest[model=" + model + ", insecure=" + Boolean.TRUE.equals(insecure) + "]";
  }

  /** Builds a {@link PullRequest}. */
  public static final class Builder {
    private String model;
    private Boolean insecure;

    private Builder(String model) {
      this.model = model;
    }

    /** The model to pull. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Asked old servers for an insecure connection to the registry (no TLS verification). Default
     * {@code false} (not sent). Still sent when set, for servers that predate its removal.
     *
     * @deprecated the server ignores {@code insecure} on a pull ({@code api/types.go}: "Deprecated:
     *     ignored"), so setting it changes nothing; for a registry without TLS, configure the
     *     server.
     */
    @Deprecated
    public Builder insecure(boolean insecure) {
      this.insecure = insecure ? Boolean.TRUE : null;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when the model is blank
     * @throws NullPointerException when the model is {@code null}
     */
    public PullRequest build() {
      ModelNames.requireName(model, "model");
      return new PullRequest(this);
    }
  }
}
