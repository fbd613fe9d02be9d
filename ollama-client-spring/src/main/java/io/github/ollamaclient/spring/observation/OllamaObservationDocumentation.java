package io.github.ollamaclient.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a call of the client and its keys, named as OpenTelemetry's semantic
 * conventions for generative AI clients name them.
 */
public enum OllamaObservationDocumentation implements ObservationDocumentation {

  /** One call of the client, from sending to the end of its answer (a stream's included). */
  CLIENT_OPERATION {
    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>>
        getDefaultConvention() {
      return DefaultOllamaObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return LowCardinalityKeyNames.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
      return HighCardinalityKeyNames.values();
    }
  };

  /**
   * Bounded keys: on every observation, so that the timer made of them has the same tags each time
   * ({@code none} where a call has no value).
   */
  public enum LowCardinalityKeyNames implements KeyName {
    /**
     * What the call does: {@code chat}, {@code text_completion} (generate), {@code embeddings}, or
     * the client method's name in snake case for the others ({@code pull}, {@code list}, {@code
     * show}, {@code is_running}, …).
     */
    OPERATION_NAME("gen_ai.operation.name"),

    /** Always {@code ollama}. */
    PROVIDER_NAME("gen_ai.provider.name"),

    /** The model the request names; {@code none} for calls that name none. */
    REQUEST_MODEL("gen_ai.request.model"),

    /** The model the answer names; {@code none} until the answer, and for other calls. */
    RESPONSE_MODEL("gen_ai.response.model"),

    /** The host the call goes to. */
    SERVER_ADDRESS("server.address"),

    /** The port the call goes to. */
    SERVER_PORT("server.port"),

    /**
     * The failure's class name ({@code io.github.ollamaclient.error.OllamaHttpException}); {@code
     * none}.
     */
    ERROR_TYPE("error.type"),

    /** How the call ended: {@code success}, {@code error} or {@code cancelled}. */
    OUTCOME("ollama.outcome");

    private final String key;

    LowCardinalityKeyNames(String key) {
      this.key = key;
    }

    @Override
    public String asString() {
      return key;
    }
  }

  /**
   * Unbounded keys: on the span, never on a metric. The {@code gen_ai.request.*} keys are the
   * conventions' request attributes, each present when the request's {@code options} set the Ollama
   * option it comes from. Ollama's native answers carry no identifier, so {@code
   * gen_ai.response.id} is never set.
   */
  public enum HighCardinalityKeyNames implements KeyName {
    /** The {@code temperature} option. */
    REQUEST_TEMPERATURE("gen_ai.request.temperature"),

    /** The {@code top_p} option. */
    REQUEST_TOP_P("gen_ai.request.top_p"),

    /** The {@code top_k} option. */
    REQUEST_TOP_K("gen_ai.request.top_k"),

    /** The {@code num_predict} option: the most tokens the model may generate. */
    REQUEST_MAX_TOKENS("gen_ai.request.max_tokens"),

    /** The {@code stop} option, as a JSON array of strings: {@code ["\n\n"]}. */
    REQUEST_STOP_SEQUENCES("gen_ai.request.stop_sequences"),

    /** The {@code seed} option. */
    REQUEST_SEED("gen_ai.request.seed"),

    /** The {@code frequency_penalty} option. */
    REQUEST_FREQUENCY_PENALTY("gen_ai.request.frequency_penalty"),

    /** The {@code presence_penalty} option. */
    REQUEST_PRESENCE_PENALTY("gen_ai.request.presence_penalty"),

    /** Why the model stopped, as a JSON array: {@code ["stop"]}, {@code ["length"]}. */
    RESPONSE_FINISH_REASONS("gen_ai.response.finish_reasons"),

    /** Input tokens Ollama evaluated ({@code prompt_eval_count}). */
    USAGE_INPUT_TOKENS("gen_ai.usage.input_tokens"),

    /** Output tokens the model generated ({@code eval_count}); not for embeddings. */
    USAGE_OUTPUT_TOKENS("gen_ai.usage.output_tokens"),

    /**
     * The messages sent, as the conventions' JSON ({@code [{"role":"user","parts":[{"type":"text",
     * "content":"…"}]}]}); only with {@code ollama.observations.include-content=true}.
     */
    INPUT_MESSAGES("gen_ai.input.messages"),

    /** A generate request's {@code system} text; only with content included. */
    SYSTEM_INSTRUCTIONS("gen_ai.system_instructions"),

    /** The model's answer, as the conventions' JSON; only with content included. */
    OUTPUT_MESSAGES("gen_ai.output.messages");

    private final String key;

    HighCardinalityKeyNames(String key) {
      this.key = key;
    }

    @Override
    public String asString() {
      return key;
    }
  }
}
