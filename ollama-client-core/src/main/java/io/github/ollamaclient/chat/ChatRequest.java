package io.github.ollamaclient.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A request to {@code POST /api/chat}: a model, the conversation so far, and optionally tools, an
 * answer format, options, thinking, keep-alive and log probabilities.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("llama3.2")
 *     .message(Message.system("Answer in one sentence."))
 *     .message(Message.user("Why is the sky blue?"))
 *     .options(Options.builder().temperature(0.2).build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Fields left unset are not sent, so the server's defaults apply. The
 * same request serves {@code chat}, {@code chatStream} and {@code chatAsync}: the client adds
 * {@code "stream"}.
 *
 * <p>Read from Ollama's JSON ({@code OllamaJson.read}) through its {@link Builder}: each setter
 * marked {@code @JsonProperty} takes its field, so the builder's checks apply to both.
 */
@JsonDeserialize(builder = ChatRequest.Builder.class)
public final class ChatRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("messages")
  private final List<Message> messages;

  private final List<Tool> tools;

  @JsonProperty("format")
  private final Format format;

  @JsonProperty("options")
  private final Options options;

  @JsonProperty("think")
  private final Think think;

  @JsonProperty("keep_alive")
  private final KeepAlive keepAlive;

  @JsonProperty("logprobs")
  private final Boolean logprobs;

  @JsonProperty("top_logprobs")
  private final Integer topLogprobs;

  @JsonProperty("truncate")
  private final Boolean truncate;

  @JsonProperty("shift")
  private final Boolean shift;

  @JsonProperty("_debug_render_only")
  private final Boolean debugRenderOnly;

  private ChatRequest(Builder builder) {
    this.model = builder.model;
    this.messages = List.copyOf(builder.messages);
    this.tools = List.copyOf(builder.tools);
    this.format = builder.format;
    this.options = builder.options;
    this.think = builder.think;
    this.keepAlive = builder.keepAlive;
    this.logprobs = builder.logprobs;
    this.topLogprobs = builder.topLogprobs;
    this.truncate = builder.truncate;
    this.shift = builder.shift;
    this.debugRenderOnly = builder.debugRenderOnly;
  }

  /** A builder for a chat with {@code model}, such as {@code llama3.2} or {@code qwen3:8b}. */
  public static Builder builder(String model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** A builder holding every value of this request, to derive a changed copy. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.messages.addAll(messages);
    builder.tools.addAll(tools);
    builder.format = format;
    builder.options = options;
    builder.think = think;
    builder.keepAlive = keepAlive;
    builder.logprobs = logprobs;
    builder.topLogprobs = topLogprobs;
    builder.truncate = truncate;
    builder.shift = shift;
    builder.debugRenderOnly = debugRenderOnly;
    return builder;
  }

  /** The model's name. */
  public String model() {
    return model;
  }

  /** The conversation, oldest message first; never empty. */
  public List<Message> messages() {
    return messages;
  }

  /** The tools the model may call; empty when none are offered. */
  public List<Tool> tools() {
    return tools;
  }

  /** The answer's format ({@code format}), when set. */
  public Optional<Format> format() {
    return Optional.ofNullable(format);
  }

  /** The model options ({@code options}), when set. */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  /** Whether and how hard the model thinks ({@code think}), when set. */
  public Optional<Think> think() {
    return Optional.ofNullable(think);
  }

  /** How long the model stays loaded afterwards ({@code keep_alive}), when set. */
  public Optional<KeepAlive> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /** Whether log probabilities were asked for ({@code logprobs}); empty when not set. */
  public Optional<Boolean> logprobs() {
    return Optional.ofNullable(logprobs);
  }

  /** How many most likely alternatives per token ({@code top_logprobs}), when set. */
  public OptionalInt topLogprobs() {
    return topLogprobs == null ? OptionalInt.empty() : OptionalInt.of(topLogprobs);
  }

  /**
   * Whether a prompt longer than the context is cut to fit, oldest history first ({@code
   * truncate}); empty when not set, so the server's default applies.
   */
  public Optional<Boolean> truncate() {
    return Optional.ofNullable(truncate);
  }

  /**
   * Whether the context shifts (drops its oldest tokens) when generation reaches its end, instead
   * of stopping with an error ({@code shift}); empty when not set, so the server's default applies.
   */
  public Optional<Boolean> shift() {
    return Optional.ofNullable(shift);
  }

  /**
   * Whether the server only renders the prompt the model would be given, and answers with it
   * ({@code _debug_render_only}, a debug flag of Ollama's) instead of running the model.
   */
  public boolean debugRenderOnly() {
    return debugRenderOnly != null;
  }

  @JsonProperty("tools")
  private List<Tool> wireTools() {
    return tools.isEmpty() ? null : tools;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChatRequest that
        && model.equals(that.model)
        && messages.equals(that.messages)
        && tools.equals(that.tools)
        && Objects.equals(format, that.format)
        && Objects.equals(options, that.options)
        && Objects.equals(think, that.think)
        && Objects.equals(keepAlive, that.keepAlive)
        && Objects.equals(logprobs, that.logprobs)
        && Objects.equals(topLogprobs, that.topLogprobs)
        && Objects.equals(truncate, that.truncate)
        && Objects.equals(shift, that.shift)
        && Objects.equals(debugRenderOnly, that.debugRenderOnly);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        messages,
        tools,
        format,
        options,
        think,
        keepAlive,
        logprobs,
        topLogprobs,
        truncate,
        shift,
        debugRenderOnly);
  }

  /** The model and the size of the request; never the messages' text or images. */
  @Override
  public String toString() {
    return "ChatRequest[model="
        + model
        + ", "
        + messages.size()
        + " message(s), "
        + tools.size()
        + " tool(s)]";
  }

  /**
   * Builds a {@link ChatRequest}. {@link #message} and {@link #tool} add to the lists; the other
   * setters replace an earlier value.
   */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties("stream") // the method called decides whether to stream
  public static final class Builder {
    private String model;
    private final List<Message> messages = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private Format format;
    private Options options;
    private Think think;
    private KeepAlive keepAlive;
    private Boolean logprobs;
    private Integer topLogprobs;
    private Boolean truncate;
    private Boolean shift;
    private Boolean debugRenderOnly;

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

    /** Adds a message at the end of the conversation. */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Adds messages at the end of the conversation, in order. */
    @JsonProperty("messages")
    public Builder messages(List<Message> messages) {
      Objects.requireNonNull(messages, "messages");
      messages.forEach(this::message);
      return this;
    }

    /** Offers a tool the model may call. */
    public Builder tool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool"));
      return this;
    }

    /** Offers tools the model may call, in order. */
    @JsonProperty("tools")
    public Builder tools(List<Tool> tools) {
      Objects.requireNonNull(tools, "tools");
      tools.forEach(this::tool);
      return this;
    }

    /** The answer's format: any JSON, or JSON following a schema (structured outputs). */
    @JsonProperty("format")
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Model options such as temperature, seed or context size for this request. */
    @JsonProperty("options")
    public Builder options(Options options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Whether and how hard a thinking model thinks; its thinking comes back apart. */
    @JsonProperty("think")
    public Builder think(Think think) {
      this.think = Objects.requireNonNull(think, "think");
      return this;
    }

    /** How long the model stays loaded after this request; the server's default is 5 min. */
    @JsonProperty("keep_alive")
    public Builder keepAlive(KeepAlive keepAlive) {
      this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
      return this;
    }

    /** Whether to return the log probability of each answer token ({@code logprobs}). */
    @JsonProperty("logprobs")
    public Builder logprobs(boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    /**
     * How many most likely alternatives to return per token ({@code top_logprobs}), {@code >= 0};
     * needs {@link #logprobs(boolean) logprobs(true)}.
     */
    @JsonProperty("top_logprobs")
    public Builder topLogprobs(int topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
    }

    /**
     * Whether a prompt longer than the model's context is cut to fit, oldest history first, rather
     * than refused ({@code truncate}).
     */
    @JsonProperty("truncate")
    public Builder truncate(boolean truncate) {
      this.truncate = truncate;
      return this;
    }

    /**
     * Whether the context shifts (drops its oldest tokens) when generation fills it, rather than
     * the call failing ({@code shift}).
     */
    @JsonProperty("shift")
    public Builder shift(boolean shift) {
      this.shift = shift;
      return this;
    }

    /**
     * Asks the server to render the prompt the model would be given and answer with it instead of
     * running the model ({@code _debug_render_only}, a debug flag of Ollama's): the one way to see
     * the exact text a template makes of this request. The answer is read as a whole answer whose
     * {@link ChatResponse#debugInfo() debugInfo()} holds the prompt; it has no text and no
     * statistics.
     */
    @JsonProperty("_debug_render_only")
    public Builder debugRenderOnly(boolean debugRenderOnly) {
      // Go's omitempty: false is the same as absent, so it is neither sent nor told apart.
      this.debugRenderOnly = debugRenderOnly ? Boolean.TRUE : null;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException naming the field: a blank model, no message, a negative
     *     {@code topLogprobs} or one without {@code logprobs(true)}, two tools with one name
     */
    public ChatRequest build() {
      Checks.requireText(model, "model");
      if (messages.isEmpty()) {
        throw new IllegalArgumentException(
            "messages must not be empty: add at least one, such as Message.user(\"...\")");
      }
      Checks.checkTopLogprobs(topLogprobs, logprobs);
      Set<String> names = new HashSet<>();
      for (Tool tool : tools) {
        if (!names.add(tool.name())) {
          throw new IllegalArgumentException(
              "tools must have distinct names, \"" + tool.name() + "\" is offered twice");
        }
      }
      return new ChatRequest(this);
    }
  }
}
