package io.github.ollamaclient.spring.observation;

import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.spring.observation.OllamaObservationDocumentation.HighCardinalityKeyNames;
import io.github.ollamaclient.spring.observation.OllamaObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;
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

  /** The unbounded keys, present when the call has them: finish reasons, tokens, content. */
  @Override
  public KeyValues getHighCardinalityKeyValues(OllamaObservationContext context) {
    KeyValues values = KeyValues.empty();
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
        answer(context)
            .flatMap(DefaultOllamaObservationConvention::modelOf)
            .filter(name -> !name.isBlank())
            .orElse(NONE);
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

  /** Adds {@code gen_ai.response.finish_reasons} when the answer says why it ended. */
  protected KeyValues finishReasons(KeyValues values, OllamaObservationContext context) {
    Optional<String> reason =
        answer(context).flatMap(DefaultOllamaObservationConvention::doneReasonOf);
    return reason
        .map(
            done ->
                values.and(
                    HighCardinalityKeyNames.RESPONSE_FINISH_REASONS.withValue(
                        "[\"" + done.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]")))
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
