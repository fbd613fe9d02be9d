package io.github.ollamaclient.spring.observation;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.spring.observation.OllamaObservationDocumentation.HighCardinalityKeyNames;
import io.github.ollamaclient.spring.observation.OllamaObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of OpenTelemetry's semantic conventions for generative AI clients, read from a call's
 * start and end. See {@link OllamaObservationDocumentation} for each key. The observation's name is
 * {@value #NAME}; the span's is the operation and the model, such as {@code chat llama3.2}.
 *
 * <p>Each key has a protected method, to override in a subclass registered as an {@link
 * OllamaObservationConvention} bean.
 */
public class DefaultOllamaObservationConvention implements OllamaObservationConvention {
  /** The observation's name, and so the timer's: the conventions' client operation. */
  public static final String NAME = "gen_ai.client.operation";

  /** The value of {@code gen_ai.provider.name}. */
  public static final String PROVIDER = "ollama";

  private static final String NONE = KeyValue.NONE_VALUE;

  /** The Ollama option behind each request attribute of the conventions. */
  private static final Map<String, HighCardinalityKeyNames> SETTINGS =
      orderedSettings(
          "temperature", HighCardinalityKeyNames.REQUEST_TEMPERATURE,
          "top_p", HighCardinalityKeyNames.REQUEST_TOP_P,
          "top_k", HighCardinalityKeyNames.REQUEST_TOP_K,
          "num_predict", HighCardinalityKeyNames.REQUEST_MAX_TOKENS,
          "stop", HighCardinalityKeyNames.REQUEST_STOP_SEQUENCES,
          "seed", HighCardinalityKeyNames.REQUEST_SEED,
          "frequency_penalty", HighCardinalityKeyNames.REQUEST_FREQUENCY_PENALTY,
          "presence_penalty", HighCardinalityKeyNames.REQUEST_PRESENCE_PENALTY);

  /** The convention; one instance serves every call. */
  public DefaultOllamaObservationConvention() {}

  /** {@value #NAME}. */
  @Override
  public String getName() {
    return NAME;
  }

  /**
   * The span's name: the operation, and the model when the call names one ({@code chat llama3.2}).
   */
  @Override
  public String getContextualName(OllamaObservationContext context) {
    CallStart start = context.getCallStart();
    String operation = operationName(start.operation());
    return start.model().map(model -> operation + " " + model).orElse(operation);
  }

  /** The bounded keys; each is present on every call, {@code none} when it has no value. */
  @Override
  public KeyValues getLowCardinalityKeyValues(OllamaObservationContext context) {
    return KeyValues.of(
        operationName(context),
        providerName(context),
        requestModel(context),
        responseModel(context),
        serverAddress(context),
        serverPort(context),
        errorType(context),
        outcome(context));
  }

  /**
   * The unbounded keys, present when the call has them: request settings, finish reasons, tokens,
   * content.
   */
  @Override
  public KeyValues getHighCardinalityKeyValues(OllamaObservationContext context) {
    KeyValues values = requestSettings(KeyValues.empty(), context);
    values = finishReasons(values, context);
    values = usage(values, context);
    if (context.isContentIncluded()) {
      values = content(values, context);
    }
    return values;
  }

  /**
   * The conventions' operation name of a client method: {@code chat}, {@code text_completion},
   * {@code embeddings}, else the method's name in snake case ({@code isRunning} is {@code
   * is_running}).
   */
  public static String operationName(String clientOperation) {
    return switch (clientOperation) {
      case "chat" -> "chat";
      case "generate" -> "text_completion";
      case "embed", "embeddings" -> "embeddings";
      default -> clientOperation.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    };
  }

  /** {@code gen_ai.operation.name}. */
  protected KeyValue operationName(OllamaObservationContext context) {
    return LowCardinalityKeyNames.OPERATION_NAME.withValue(
        operationName(context.getCallStart().operation()));
  }

  /** {@code gen_ai.provider.name}: {@value #PROVIDER}. */
  protected KeyValue providerName(OllamaObservationContext context) {
    return LowCardinalityKeyNames.PROVIDER_NAME.withValue(PROVIDER);
  }

  /** {@code gen_ai.request.model}. */
  protected KeyValue requestModel(OllamaObservationContext context) {
    return LowCardinalityKeyNames.REQUEST_MODEL.withValue(
        context.getCallStart().model().filter(model -> !model.isBlank()).orElse(NONE));
  }

  /** {@code gen_ai.response.model}, from the answer. */
  protected KeyValue responseModel(OllamaObservationContext context) {
    String model =
        answer(context).flatMap(DefaultOllamaObservationConvention::responseModel).orElse(NONE);
    return LowCardinalityKeyNames.RESPONSE_MODEL.withValue(model);
  }

  /** {@code server.address}. */
  protected KeyValue serverAddress(OllamaObservationContext context) {
    return LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getCallStart().serverAddress());
  }

  /** {@code server.port}. */
  protected KeyValue serverPort(OllamaObservationContext context) {
    return LowCardinalityKeyNames.SERVER_PORT.withValue(
        Integer.toString(context.getCallStart().serverPort()));
  }

  /** {@code error.type}: the failure's class name, {@code none} without one. */
  protected KeyValue errorType(OllamaObservationContext context) {
    Optional<? extends Throwable> error = context.getCallEvent().flatMap(CallEvent::error);
    if (error.isEmpty() && context.getError() != null) {
      error = Optional.of(context.getError());
    }
    return LowCardinalityKeyNames.ERROR_TYPE.withValue(
        error.map(e -> e.getClass().getName()).orElse(NONE));
  }

  /** {@code ollama.outcome}: success, error or cancelled; {@code none} while the call runs. */
  protected KeyValue outcome(OllamaObservationContext context) {
    return LowCardinalityKeyNames.OUTCOME.withValue(
        context
            .getCallEvent()
            .map(event -> event.outcome().name().toLowerCase(Locale.ROOT))
            .orElse(NONE));
  }

  /**
   * Adds the conventions' request attributes ({@code gen_ai.request.temperature}, {@code top_p},
   * {@code top_k}, {@code max_tokens}, {@code stop_sequences}, {@code seed}, {@code
   * frequency_penalty}, {@code presence_penalty}) for the Ollama options the request sets; see <a
   * href="https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/">the spans of the
   * semantic conventions for generative AI</a>.
   */
  protected KeyValues requestSettings(KeyValues values, OllamaObservationContext context) {
    Optional<Options> options =
        context.getCallStart().request().flatMap(DefaultOllamaObservationConvention::optionsOf);
    if (options.isEmpty()) {
      return values;
    }
    KeyValues result = values;
    for (Map.Entry<String, HighCardinalityKeyNames> setting : SETTINGS.entrySet()) {
      Optional<Object> value = options.get().get(setting.getKey());
      if (value.isPresent()) {
        result = result.and(setting.getValue().withValue(settingValue(value.get())));
      }
    }
    return result;
  }

  /** Numbers as Java prints them, a stop list as a JSON array of strings. */
  private static String settingValue(Object value) {
    if (value instanceof Collection<?> list) {
      return GenAiMessages.stringArray(list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  /** Adds {@code gen_ai.response.finish_reasons} when the answer says why it ended. */
  protected KeyValues finishReasons(KeyValues values, OllamaObservationContext context) {
    Optional<String> reason =
        answer(context).flatMap(DefaultOllamaObservationConvention::doneReasonOf);
    return reason
        .map(
            done ->
                values.and(
                    HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.withValue(
                        GenAiMessages.stringArray(List.of(done)))))
        .orElse(values);
  }

  /** Adds {@code gen_ai.usage.input_tokens} and {@code output_tokens} from the statistics. */
  protected KeyValues usage(KeyValues values, OllamaObservationContext context) {
    Optional<CallEvent> event = context.getCallEvent();
    Optional<Metrics> metrics = event.flatMap(CallEvent::metrics);
    if (metrics.isEmpty()) {
      return values;
    }
    KeyValues result =
        values.and(
            HighCardinalityKeyNames.USAGE_INPUT_TOKENS.withValue(
                Integer.toString(metrics.get().promptEvalCount())));
    boolean embeddings = answer(context).filter(EmbedResponse.class::isInstance).isPresent();
    if (!embeddings) {
      result =
          result.and(
              HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.withValue(
                  Integer.toString(metrics.get().evalCount())));
    }
    return result;
  }

  /**
   * Adds the prompt and the answer ({@code gen_ai.input.messages}, {@code
   * gen_ai.system_instructions}, {@code gen_ai.output.messages}); called only when {@code
   * ollama.observations.include-content} is true.
   */
  protected KeyValues content(KeyValues values, OllamaObservationContext context) {
    KeyValues result = values;
    Optional<Object> request = context.getCallStart().request();
    Optional<String> input = request.flatMap(GenAiMessages::input);
    if (input.isPresent()) {
      result = result.and(HighCardinalityKeyNames.INPUT_MESSAGES.withValue(input.get()));
    }
    Optional<String> system = request.flatMap(GenAiMessages::systemInstructions);
    if (system.isPresent()) {
      result = result.and(HighCardinalityKeyNames.SYSTEM_INSTRUCTIONS.withValue(system.get()));
    }
    Optional<String> output = answer(context).flatMap(GenAiMessages::output);
    if (output.isPresent()) {
      result = result.and(HighCardinalityKeyNames.OUTPUT_MESSAGES.withValue(output.get()));
    }
    return result;
  }

  private static Optional<Object> answer(OllamaObservationContext context) {
    return context.getCallEvent().flatMap(CallEvent::answer);
  }

  private static Map<String, HighCardinalityKeyNames> orderedSettings(Object... pairs) {
    Map<String, HighCardinalityKeyNames> settings = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put((String) pairs[i], (HighCardinalityKeyNames) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(settings);
  }

  private static Optional<Options> optionsOf(Object request) {
    if (request instanceof ChatRequest chat) {
      return chat.options();
    }
    if (request instanceof GenerateRequest generate) {
      return generate.options();
    }
    if (request instanceof EmbedRequest embed) {
      return embed.options();
    }
    return Optional.empty();
  }

  /** The model a chat, generate or embed answer names; empty for other answers and a blank name. */
  public static Optional<String> responseModel(Object answer) {
    return modelOf(answer).filter(name -> !name.isBlank());
  }

  private static Optional<String> modelOf(Object answer) {
    if (answer instanceof ChatResponse chat) {
      return Optional.of(chat.model());
    }
    if (answer instanceof GenerateResponse generate) {
      return Optional.of(generate.model());
    }
    if (answer instanceof EmbedResponse embed) {
      return Optional.of(embed.model());
    }
    return Optional.empty();
  }

  private static Optional<String> doneReasonOf(Object answer) {
    if (answer instanceof ChatResponse chat) {
      return chat.doneReason();
    }
    if (answer instanceof GenerateResponse generate) {
      return generate.doneReason();
    }
    return Optional.empty();
  }
}
