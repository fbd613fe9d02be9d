package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ollamaclient.check.Checks;
import io.github.ollamaclient.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Model options ({@code options}): sampling and runtime settings for one request, overriding the
 * model's defaults. Every documented option has a typed method; {@link Builder#option(String,
 * Object)} sends any other, for options newer than this client.
 *
 * <pre>{@code
 * Options options = Options.builder().temperature(0.2).numCtx(8192).seed(42).stop("\n\n").build();
 * }</pre>
 *
 * <p>Values are checked when set, and an invalid one is rejected with the option's name.
 */
public final class Options {
  private final Map<String, Object> values;

  private Options(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code options} as Ollama takes them: any option by name, each through {@link
   * Builder#option(String, Object)}.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Options fromJson(Map<String, Object> values) {
    Builder builder = builder();
    values.forEach(builder::option);
    return builder.build();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.values.putAll(values);
    return builder;
  }

  /** Every option set, by its wire name ({@code num_ctx}), in the order set. */
  @JsonValue
  public Map<String, Object> asMap() {
    return values;
  }

  /** The value of an option by its wire name, such as {@code "temperature"}. */
  public Optional<Object> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Whether no option is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Equal when they are the same JSON: {@code option("seed", 7)} and a seed of {@code 7L} read from
   * a request body are one option, whatever Java type holds the number.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Options that && Json.toTree(values).equals(Json.toTree(that.values));
  }

  @Override
  public int hashCode() {
    return Json.toTree(values).hashCode();
  }

  @Override
  public String toString() {
    return "Options" + values;
  }

  /** Builds {@link Options}. Each setter replaces an earlier value of the same option. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {}

    /** {@code seed}: fixes the random seed, for reproducible answers. */
    public Builder seed(int seed) {
      return put("seed", seed);
    }

    /** {@code temperature}: randomness, {@code >= 0}; higher is more creative. */
    public Builder temperature(double temperature) {
      return put("temperature", atLeast("temperature", temperature, 0));
    }

    /** {@code top_k}: sample from the K most likely tokens, {@code > 0}. */
    public Builder topK(int topK) {
      return put("top_k", positive("top_k", topK));
    }

    /** {@code top_p}: nucleus sampling threshold, in [0, 1]. */
    public Builder topP(double topP) {
      return put("top_p", probability("top_p", topP));
    }

    /** {@code min_p}: minimum probability relative to the most likely token, in [0, 1]. */
    public Builder minP(double minP) {
      return put("min_p", probability("min_p", minP));
    }

    /** {@code typical_p}: locally typical sampling, in [0, 1]. */
    public Builder typicalP(double typicalP) {
      return put("typical_p", probability("typical_p", typicalP));
    }

    /** {@code repeat_last_n}: how far back to look for repetitions; 0 off, -1 the context. */
    public Builder repeatLastN(int repeatLastN) {
      return put("repeat_last_n", atLeast("repeat_last_n", repeatLastN, -1));
    }

    /** {@code repeat_penalty}: how strongly to penalise repetitions, {@code >= 0}. */
    public Builder repeatPenalty(double repeatPenalty) {
      return put("repeat_penalty", atLeast("repeat_penalty", repeatPenalty, 0));
    }

    /** {@code presence_penalty}: penalty for tokens already present. */
    public Builder presencePenalty(double presencePenalty) {
      return put("presence_penalty", finite("presence_penalty", presencePenalty));
    }

    /** {@code frequency_penalty}: penalty growing with a token's frequency. */
    public Builder frequencyPenalty(double frequencyPenalty) {
      return put("frequency_penalty", finite("frequency_penalty", frequencyPenalty));
    }

    /**
     * {@code penalize_newline}: whether newlines counted for the repeat penalty, in old servers.
     *
     * @deprecated Ollama's options no longer have this field (v0.33 {@code api/types.go}): the
     *     server ignores it and logs "invalid option provided". It is still sent, for servers that
     *     predate its removal; new code should leave it out.
     */
    @Deprecated
    public Builder penalizeNewline(boolean penalizeNewline) {
      return put("penalize_newline", penalizeNewline);
    }

    /** {@code stop}: sequences that end the answer when generated. */
    public Builder stop(String... stop) {
      return stop(List.of(stop));
    }

    /** {@code stop}: sequences that end the answer when generated. */
    public Builder stop(List<String> stop) {
      Objects.requireNonNull(stop, "stop");
      List<String> copy = List.copyOf(stop);
      for (String sequence : copy) {
        if (sequence.isEmpty()) {
          throw new IllegalArgumentException("stop sequences must not be empty");
        }
      }
      return put("stop", copy);
    }

    /** {@code num_keep}: tokens of the prompt kept when the context is shifted. */
    public Builder numKeep(int numKeep) {
      return put("num_keep", atLeast("num_keep", numKeep, -1));
    }

    /** {@code num_predict}: the most tokens to generate; -1 no limit. */
    public Builder numPredict(int numPredict) {
      return put("num_predict", atLeast("num_predict", numPredict, -2));
    }

    /** {@code num_ctx}: the context window, in tokens, {@code > 0}. */
    public Builder numCtx(int numCtx) {
      return put("num_ctx", positive("num_ctx", numCtx));
    }

    /** {@code num_batch}: prompt tokens processed per batch, {@code > 0}. */
    public Builder numBatch(int numBatch) {
      return put("num_batch", positive("num_batch", numBatch));
    }

    /** {@code num_gpu}: layers to offload to the GPU; 0 runs on the CPU, -1 decides itself. */
    public Builder numGpu(int numGpu) {
      return put("num_gpu", atLeast("num_gpu", numGpu, -1));
    }

    /** {@code main_gpu}: the GPU for small tensors when several are used. */
    public Builder mainGpu(int mainGpu) {
      return put("main_gpu", atLeast("main_gpu", mainGpu, 0));
    }

    /** {@code use_mmap}: whether to memory-map the model file. */
    public Builder useMmap(boolean useMmap) {
      return put("use_mmap", useMmap);
    }

    /**
     * {@code draft_num_predict}: for speculative decoding, how many tokens the draft model (or the
     * model's built-in multi-token prediction) proposes per step for the main model to check;
     * {@code 0} turns drafting off. Only models with a draft have any use for it; the server's
     * default is 4. Larger values pay off when the draft is usually right, and cost time when not.
     */
    public Builder draftNumPredict(int draftNumPredict) {
      return put("draft_num_predict", atLeast("draft_num_predict", draftNumPredict, 0));
    }

    /** {@code num_thread}: CPU threads; by default the server picks. */
    public Builder numThread(int numThread) {
      return put("num_thread", positive("num_thread", numThread));
    }

    /**
     * Any option by its wire name, for options newer than this client; replaces a typed value of
     * the same name.
     *
     * @param name the option's name as Ollama spells it, such as {@code "num_keep"} or one added
     *     after this release
     * @param value a JSON-compatible value: number, boolean, string, list or map
     */
    public Builder option(String name, Object value) {
      Checks.requireText(name, "option name");
      Objects.requireNonNull(value, "value of option " + name);
      Json.toTree(value); // fails now, naming nothing vague later, when it cannot be JSON
      return put(name, value);
    }

    /** Builds the options. */
    public Options build() {
      return new Options(values);
    }

    private Builder put(String name, Object value) {
      values.put(name, value);
      return this;
    }

    private static double finite(String name, double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be a finite number, was " + value);
      }
      return value;
    }

    private static double atLeast(String name, double value, double min) {
      if (finite(name, value) < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
      }
      return value;
    }

    private static int atLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
      }
      return value;
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be > 0, was " + value);
      }
      return value;
    }

    private static double probability(String name, double value) {
      if (finite(name, value) < 0 || value > 1) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
      }
      return value;
    }
  }
}
