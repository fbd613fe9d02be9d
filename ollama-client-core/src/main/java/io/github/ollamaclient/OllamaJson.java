package io.github.ollamaclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.internal.json.Json;
import io.github.ollamaclient.internal.wire.RequestReader;
import java.util.Objects;

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
 * <p>Requests ({@link ChatRequest}, {@link GenerateRequest}, {@link EmbedRequest}) are read
 * strictly: an unknown field, or one of the wrong type, is refused naming it (and listing the known
 * ones), and the values go through the same builders, with the same messages, as a request built in
 * code; nothing is dropped silently. {@code stream} is accepted and not kept: whether to stream is
 * the choice of the method called. Answers ({@code ChatResponse}, {@code ShowResponse}, ...) and
 * messages are read as the client reads them from the server: unknown fields are skipped, since
 * Ollama adds fields often.
 */
public final class OllamaJson {
  private static final String PACKAGE = OllamaJson.class.getPackageName() + ".";

  private OllamaJson() {}

  /**
   * Reads {@code json} as a {@code type}.
   *
   * @throws IllegalArgumentException naming the field, when the JSON is malformed, not an object,
   *     has an unknown field (requests) or a value the type refuses
   */
  public static <T> T read(String json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    return read(tree, type);
  }

  /**
   * Reads an already parsed {@code json} as a {@code type}, as {@link #read(String, Class)}.
   *
   * @throws IllegalArgumentException naming the field, when the JSON does not fit the type
   */
  public static <T> T read(JsonNode json, Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (json == null || json.isMissingNode()) {
      throw new IllegalArgumentException("no JSON to read as " + type.getSimpleName());
    }
    if (type == ChatRequest.class) {
      return type.cast(RequestReader.chat(json));
    }
    if (type == GenerateRequest.class) {
      return type.cast(RequestReader.generate(json));
    }
    if (type == EmbedRequest.class) {
      return type.cast(RequestReader.embed(json));
    }
    if (json.isNull()) {
      throw new IllegalArgumentException("null is not a " + type.getSimpleName());
    }
    try {
      return Json.MAPPER.treeToValue(json, type);
    } catch (JsonProcessingException | RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      String reason =
          cause instanceof JsonProcessingException jackson
              ? jackson.getOriginalMessage()
              : cause.getMessage();
      throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + reason, e);
    }
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
