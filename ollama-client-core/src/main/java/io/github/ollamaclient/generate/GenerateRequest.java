package io.github.ollamaclient.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to {@code POST /api/generate}: one completion of a prompt, without a conversation.
 *
 * <pre>{@code
 * GenerateRequest request = GenerateRequest.builder("llama3.2")
 *     .prompt("Why is the sky blue?")
 *     .options(Options.builder().temperature(0.2).build())
 *     .build();
 * }</pre>
 *
 * <p>A request without a prompt only loads the model; with {@link KeepAlive#UNLOAD} as well, it
 * unloads it. Immutable and thread-safe; {@link #toBuilder()} starts a changed copy.
 *
 * <p>Read from Ollama's JSON ({@code OllamaJson.read}) through its {@link Builder}: each setter
 * marked {@code @JsonProperty} takes its field, so the builder's checks apply to both.
 */
@JsonDeserialize(builder = GenerateRequest.Builder.class)
public final class GenerateRequest {
  @JsonProperty("model")
  private final String model;

  @JsonProperty("prompt")
  private final String prompt;

  @JsonProperty("suffix")
  private final String suffix;

  @JsonProperty("images")
  private final List<Image> images;

  @JsonProperty("format")
  private final Format format;

  @JsonProperty("system")
  private final String system;

  @JsonProperty("template")
  private final String template;

  @JsonProperty("context")
  private final List<Integer> context;

  @JsonProperty("raw")
  private final Boolean raw;

  @JsonProperty("think")
  private final Think think;

  @JsonProperty("keep_alive")
  private final KeepAlive keepAlive;

  @JsonProperty("options")
  private final Options options;

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

  private GenerateRequest(Builder builder) {
    this.model = builder.model;
    this.prompt = builder.prompt;
    this.suffix = builder.suffix;
    // null, not an empty list, so that no images means no "images" field on the wire
    this.images = builder.images.isEmpty() ? null : List.copyOf(builder.images);
    this.format = builder.format;
    this.system = builder.system;
    this.template = builder.template;
    this.context = builder.context;
    this.raw = builder.raw;
    this.think = builder.think;
    this.keepAlive = builder.keepAlive;
    this.options = builder.options;
    this.logprobs = builder.logprobs;
    this.topLogprobs = builder.topLogprobs;
    this.truncate = builder.truncate;
    this.shift = builder.shift;
    this.debugRenderOnly = builder.debugRenderOnly;
  }

  /**
   * A builder for a request to {@code model}, such as {@code llama3.2} or {@code qwen3:8b}.
   *
   * @param model the model name; checked for blankness by {@link Builder#build()}
   */
  public static Builder builder(String model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** A builder holding every value of this request, to build a changed copy. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.prompt = prompt;
    builder.suffix = suffix;
    if (images != null) {
      builder.images.addAll(images);
    }
    builder.format = format;
    builder.system = system;
    builder.template = template;
    builder.context = context;
    builder.raw = raw;
    builder.think = think;
    builder.keepAlive = keepAlive;
    builder.options = options;
    builder.logprobs = logprobs;
    builder.topLogprobs = topLogprobs;
    builder.truncate = truncate;
    builder.shift = shift;
    builder.debugRenderOnly = debugRenderOnly;
    return builder;
  }

  /** The model name. */
  public String model() {
    return model;
  }

  /** The prompt; empty when none was set (the request then only loads the model). */
  public Optional<String> prompt() {
    return Optional.ofNullable(prompt);
  }

  /** The text after the insertion point, for fill-in-the-middle models. */
  public Optional<String> suffix() {
    return Optional.ofNullable(suffix);
  }

  /** The images, unmodifiable; empty when none. */
  public List<Image> images() {
    return images == null ? List.of() : images;
  }

  /** The shape the answer must have: any JSON, or a JSON Schema. */
  public Optional<Format> format() {
    return Optional.ofNullable(format);
  }

  /** The system prompt, replacing the model's own. */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /** The prompt template, replacing the model's own. */
  public Optional<String> template() {
    return Optional.ofNullable(template);
  }

  /**
   * The context of an earlier answer, unmodifiable; empty when none.
   *
   * @deprecated Ollama deprecated {@code context}; keep a conversation with {@code chat} instead.
   */
  @Deprecated
  public List<Integer> context() {
    return context == null ? List.of() : context;
  }

  /**
   * Whether the prompt is sent to the model as is, without the prompt template ({@code raw}); empty
   * when not set.
   */
  public Optional<Boolean> raw() {
    return Optional.ofNullable(raw);
  }

  /** Whether and how hard a thinking model thinks. */
  public Optional<Think> think() {
    return Optional.ofNullable(think);
  }

  /** How long the model stays loaded after the request; the server's default when empty. */
  public Optional<KeepAlive> keepAlive() {
    return Optional.ofNullable(keepAlive);
  }

  /** The model options for this request. */
  public Optional<Options> options() {
    return Optional.ofNullable(options);
  }

  /**
   * Whether log probabilities of the output tokens were asked for ({@code logprobs}); empty when
   * not set.
   */
  public Optional<Boolean> logprobs() {
    return Optional.ofNullable(logprobs);
  }

  /** How many most likely alternatives to return per token position, when set. */
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

  @Override
  public boolean equals(Object other) {
    return other instanceof GenerateRequest that
        && model.equals(that.model)
        && Objects.equals(prompt, that.prompt)
        && Objects.equals(suffix, that.suffix)
        && Objects.equals(images, that.images)
        && Objects.equals(format, that.format)
        && Objects.equals(system, that.system)
        && Objects.equals(template, that.template)
        && Objects.equals(context, that.context)
        && Objects.equals(raw, that.raw)
        && Objects.equals(think, that.think)
        && Objects.equals(keepAlive, that.keepAlive)
        && Objects.equals(options, that.options)
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
        prompt,
        suffix,
        images,
        format,
        system,
        template,
        context,
        raw,
        think,
        keepAlive,
        options,
        logprobs,
        topLogprobs,
        truncate,
        shift,
        debugRenderOnly);
  }

  /** Names the model and what is set, never the images' data or the whole prompt. */
  @Override
  public String toString() {
    return "GenerateRequest[model="
        + model
        + (prompt == null ? "" : ", prompt=" + prompt.length() + " chars")
        + (images == null ? "" : ", images=" + images.size())
        + (format == null ? "" : ", " + format)
        + "]";
  }

  /** Builds a {@link GenerateRequest}. Each setter replaces an earlier value. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties("stream") // the method called decides whether to stream
  public static final class Builder {
    private String model;
    private String prompt;
    private String suffix;
    private final List<Image> images = new ArrayList<>();
    private Format format;
    private String system;
    private String template;
    private List<Integer> context;
    private Boolean raw;
    private Think think;
    private KeepAlive keepAlive;
    private Options options;
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

    /**
     * The prompt ({@code prompt}). May be empty: a request without a prompt only loads the model.
     */
    @JsonProperty("prompt")
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /**
     * The text after the insertion point ({@code suffix}), for fill-in-the-middle (code completion)
     * models: the model writes what goes between the prompt and this. Needs a prompt.
     */
    @JsonProperty("suffix")
    public Builder suffix(String suffix) {
      this.suffix = Objects.requireNonNull(suffix, "suffix");
      return this;
    }

    /** Adds an image ({@code images}) for a multimodal model such as {@code llava}. */
    public Builder image(Image image) {
      images.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /** Replaces the images ({@code images}); an empty list sends none. */
    @JsonProperty("images")
    public Builder images(List<Image> images) {
      Objects.requireNonNull(images, "images");
      List<Image> copy = new ArrayList<>(images.size());
      for (Image image : images) {
        copy.add(Objects.requireNonNull(image, "images element"));
      }
      this.images.clear();
      this.images.addAll(copy);
      return this;
    }

    /**
     * The shape of the answer ({@code format}): {@link Format#json()}, {@link
     * Format#schema(Object)}, or {@link Format#of(Class)} for the JSON Schema of a Java type.
     */
    @JsonProperty("format")
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The system prompt ({@code system}), replacing the one in the model's Modelfile. */
    @JsonProperty("system")
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /** The prompt template ({@code template}), replacing the one in the model's Modelfile. */
    @JsonProperty("template")
    public Builder template(String template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * The {@code context} of an earlier answer ({@link GenerateResponse#context()}), to continue it
     * as a short conversational memory.
     *
     * @deprecated Ollama deprecated {@code context} in favour of {@code /api/chat} with the message
     *     history; servers still accept it, so it stays for code that relies on it.
     */
    @Deprecated
    @JsonProperty("context")
    public Builder context(List<Integer> context) {
      Objects.requireNonNull(context, "context");
      this.context = context.isEmpty() ? null : List.copyOf(context);
      return this;
    }

    /**
     * Whether to send the prompt to the model as is ({@code raw}), without applying the prompt
     * template: the prompt must then contain the model's own markup. Unset by default (false).
     */
    @JsonProperty("raw")
    public Builder raw(boolean raw) {
      this.raw = raw;
      return this;
    }

    /**
     * Whether and how hard a thinking model thinks ({@code think}); the server decides if unset.
     */
    @JsonProperty("think")
    public Builder think(Think think) {
      this.think = Objects.requireNonNull(think, "think");
      return this;
    }

    /** How long the model stays loaded after the request ({@code keep_alive}); default 5 min. */
    @JsonProperty("keep_alive")
    public Builder keepAlive(KeepAlive keepAlive) {
      this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
      return this;
    }

    /** Model options ({@code options}) for this request, such as temperature or context size. */
    @JsonProperty("options")
    public Builder options(Options options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Whether to return the log probability of every output token ({@code logprobs}). */
    @JsonProperty("logprobs")
    public Builder logprobs(boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    /**
     * How many most likely alternatives to return at each token position ({@code top_logprobs},
     * {@code >= 0}); needs {@link #logprobs(boolean) logprobs(true)}.
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
     * {@link GenerateResponse#debugInfo() debugInfo()} holds the prompt; it has no text and no
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
     * @throws IllegalArgumentException naming the field when the model is blank, {@code
     *     topLogprobs} is negative or set without {@code logprobs(true)}, or a {@code suffix} is
     *     set without a {@code prompt}
     */
    public GenerateRequest build() {
      Checks.requireText(model, "model");
      Checks.checkTopLogprobs(topLogprobs, logprobs);
      if (suffix != null && prompt == null) {
        throw new IllegalArgumentException(
            "suffix needs a prompt: fill-in-the-middle completes the text between the prompt and"
                + " the suffix");
      }
      return new GenerateRequest(this);
    }
  }
}
