package io.github.ollamaclient;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ollama's own JSON read into the client's types, and the requests written back, for code that
 * receives or forwards it itself: a gateway or proxy reading the body of a {@code POST /api/chat},
 * a test that keeps requests as files.
 *
 * <pre>{@code
 * ChatRequest request = OllamaJson.read(body, ChatRequest.class);   // a browser's /api/chat body
 * try (ResponseStream<ChatResponse> answer = client.chatStream(request)) { ... }
 * }</pre>
 *
 * <p>Requests ({@link ChatRequest}, {@link GenerateRequest}, {@link EmbedRequest}) are read by
 * Jackson through their builders, so the values go through the same checks, with the same messages,
 * as a request built in code. A field of the wrong type is refused naming it by its path ({@code
 * messages[2].role must be a string}); an unknown field is refused naming it and listing the known
 * ones, so nothing is dropped silently, unless the caller asks to ignore unknown fields as Ollama
 * does ({@link UnknownFields#IGNORE}), as a gateway that must not break when Ollama adds one would.
 * {@code stream} is accepted and not kept: whether to stream is the choice of the method called.
 * Answers ({@code ChatResponse}, {@code ShowResponse}, ...) and messages are read as the client
 * reads them from the server: unknown fields are skipped, since Ollama adds fields often.
 */
public final class OllamaJson {
  private static final String PACKAGE = OllamaJson.class.getPackageName() + ".";

  /**
   * Reads the requests through their builders ({@code @JsonDeserialize(builder = ...)}), stricter
   * than the client's own mapper: unknown fields refused, no number read from a string or a string
   * from a number, no fraction cut to an integer; a {@code null} value is the field left out, a
   * {@code null} item of a list is refused.
   */
  private static final ObjectMapper REQUESTS =
      Json.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .defaultSetterInfo(JsonSetter.Value.construct(Nulls.SKIP, Nulls.FAIL))
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private OllamaJson() {}

  /**
   * What reading a request does with a field it does not know: Ollama itself ignores such fields,
   * so a gateway that must not break when Ollama adds one reads with {@link #IGNORE}.
   */
  public enum UnknownFields {
    /** Refuse the request, naming the field and listing the known ones: nothing is lost unseen. */
    REFUSE,
    /** Skip it, at any depth, as Ollama does; a known field of the wrong type is still refused. */
    IGNORE
  }

  /**
   * Reads {@code json} as a {@code type}; a request refuses the fields it does not know ({@link
   * UnknownFields#REFUSE}).
   *
   * @throws IllegalArgumentException naming the field, when the JSON is malformed, not an object,
   *     has an unknown field (requests) or a value the type refuses
   */
  public static <T> T read(String json, Class<T> type) {
    return read(json, type, UnknownFields.REFUSE);
  }

  /**
   * Reads {@code json} as a {@code type}, a request's unknown fields refused or ignored as {@code
   * unknown} says; an answer's are always ignored.
   *
   * <pre>{@code
   * ChatRequest request = OllamaJson.read(body, ChatRequest.class, UnknownFields.IGNORE);
   * }</pre>
   *
   * @throws IllegalArgumentException naming the field, when the JSON is malformed, not an object,
   *     has an unknown field ({@link UnknownFields#REFUSE}) or a value the type refuses
   */
  public static <T> T read(String json, Class<T> type, UnknownFields unknown) {
    Objects.requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    return read(tree, type, unknown);
  }

  /**
   * Reads an already parsed {@code json} as a {@code type}, as {@link #read(String, Class)}.
   *
   * @throws IllegalArgumentException naming the field, when the JSON does not fit the type
   */
  public static <T> T read(JsonNode json, Class<T> type) {
    return read(json, type, UnknownFields.REFUSE);
  }

  /**
   * Reads an already parsed {@code json} as a {@code type}, as {@link #read(String, Class,
   * UnknownFields)}.
   *
   * @throws IllegalArgumentException naming the field, when the JSON does not fit the type
   */
  public static <T> T read(JsonNode json, Class<T> type, UnknownFields unknown) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unknown, "unknown");
    if (json == null || json.isMissingNode()) {
      throw new IllegalArgumentException("no JSON to read as " + type.getSimpleName());
    }
    if (json.isNull()) {
      throw new IllegalArgumentException("null is not a " + type.getSimpleName());
    }
    boolean request =
        type == ChatRequest.class || type == GenerateRequest.class || type == EmbedRequest.class;
    if (type == ChatRequest.class) {
      requireRoles(json.path("messages"));
    }
    try {
      if (!request) {
        return Json.MAPPER.treeToValue(json, type);
      }
      ObjectReader reader = REQUESTS.readerFor(type);
      return (unknown == UnknownFields.IGNORE
              ? reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              : reader)
          .readValue(json);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(request ? refusal(e) : notValid(type, e), e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(notValid(type, e), e);
    }
  }

  /**
   * Ollama's answers may leave a message's role out (it is then the assistant's), and {@link
   * Message}'s creator reads them so; a request's message must say who wrote it.
   */
  private static void requireRoles(JsonNode messages) {
    for (int i = 0; messages.isArray() && i < messages.size(); i++) {
      if (messages.get(i).isObject() && !messages.get(i).hasNonNull("role")) {
        throw new IllegalArgumentException(
            "messages[" + i + "].role is required: system, user, assistant or tool");
      }
    }
  }

  /**
   * Jackson's failure in a request's words, naming the field by its path ({@code
   * messages[2].role}): unknown, of the wrong type, or refused by the type's own checks.
   */
  private static String refusal(JsonMappingException e) {
    List<Reference> path = e.getPath();
    String where = path.isEmpty() ? "request body" : path(path);
    Throwable cause = e;
    while (cause instanceof JacksonException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      Set<String> known = new TreeSet<>();
      unknown.getKnownPropertyIds().forEach(name -> known.add(String.valueOf(name)));
      return "unknown field \"" + where + "\"; known fields: " + String.join(", ", known);
    }
    if (!(cause instanceof JacksonException)) {
      // A builder's or a value type's own check: the message names the field, or the path does.
      String reason =
          cause.getMessage() == null
              ? cause.toString()
              : cause instanceof NullPointerException
                  ? cause.getMessage() + " is required"
                  : cause.getMessage();
      String field = path.isEmpty() ? null : path.get(path.size() - 1).getFieldName();
      if (path.isEmpty() || (field != null && reason.startsWith(field))) {
        String parent = path(path.subList(0, Math.max(0, path.size() - 1)));
        return parent.isEmpty() ? reason : parent + "." + reason;
      }
      return where + ": " + reason;
    }
    if (e instanceof InvalidNullException) {
      return where + " must not be null";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return where + " must be " + kind(mismatch.getTargetType());
    }
    if (cause instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
      return where + " must be " + kind(coercion.getTargetType());
    }
    return where + ": " + e.getOriginalMessage();
  }

  /** A JSON path as a request's fields are named: {@code messages[2].images[0]}. */
  private static String path(List<Reference> path) {
    StringBuilder text = new StringBuilder();
    for (Reference step : path) {
      if (step.getFieldName() == null) {
        text.append('[').append(step.getIndex()).append(']');
      } else {
        text.append(text.length() == 0 ? "" : ".").append(step.getFieldName());
      }
    }
    return text.toString();
  }

  /** What a value of {@code type} is in JSON, for "must be ...". */
  private static String kind(Class<?> type) {
    if (type == String.class || type == Image.class) { // an image is its base64 text
      return "a string";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class) {
      return "an integer";
    } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }

  private static String notValid(Class<?> type, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String reason =
        cause instanceof JsonProcessingException jackson
            ? jackson.getOriginalMessage()
            : cause.getMessage();
    return "not a valid " + type.getSimpleName() + ": " + reason;
  }

  /**
   * A Jackson module that lets the caller's own {@code ObjectMapper} read Ollama's answers ({@code
   * ChatResponse}, {@code ShowResponse}, {@code EmbedResponse}, ...) as the client does: {@code
   * mapper.registerModule(OllamaJson.module())}. The answers carry their own creators, so any
   * mapper reads them; the module makes it skip the fields it does not know in them alone, as the
   * client does, since Ollama adds fields often, while the mapper stays as strict as it was for the
   * caller's own types.
   */
  public static Module module() {
    return new AnswersModule();
  }

  /** Skips the unknown fields of the client's own types, and only theirs. */
  private static final class AnswersModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    AnswersModule() {
      super("ollama-client-answers");
    }

    @Override
    public void setupModule(SetupContext context) {
      super.setupModule(context);
      context.addBeanDeserializerModifier(
          new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config,
                BeanDescription description,
                BeanDeserializerBuilder builder) {
              if (description.getBeanClass().getName().startsWith(PACKAGE)) {
                builder.setIgnoreUnknownProperties(true);
              }
              return builder;
            }
          });
    }
  }

  /**
   * A request (or a message or tool of one) as Ollama's JSON, as the client sends it but without
   * {@code stream}, which the method called adds. Reading it back gives an equal request.
   *
   * @throws IllegalArgumentException for any other type: answers are read, not written
   */
  public static String write(Object request) {
    Objects.requireNonNull(request, "request");
    if (!(request instanceof ChatRequest
        || request instanceof GenerateRequest
        || request instanceof EmbedRequest
        || request instanceof Message
        || request instanceof Tool)) {
      throw new IllegalArgumentException(
          "write takes a ChatRequest, GenerateRequest, EmbedRequest, Message or Tool, not a "
              + request.getClass().getSimpleName());
    }
    try {
      return Json.MAPPER.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      // The client's requests are all JSON: a failure here is a bug, not bad input.
      throw new IllegalStateException("could not write " + request, e);
    }
  }
}
