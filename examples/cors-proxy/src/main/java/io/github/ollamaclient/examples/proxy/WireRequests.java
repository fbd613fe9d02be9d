package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaException;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ollama's request JSON read into the SDK's builders: every field checked by name and type, so an
 * unknown or ill-typed field is a 400 naming it, never silently dropped or passed on raw.
 */
final class WireRequests {
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT =
      Map.of(
          "ns", BigDecimal.ONE,
          "us", BigDecimal.valueOf(1_000L),
          "µs", BigDecimal.valueOf(1_000L),
          "ms", BigDecimal.valueOf(1_000_000L),
          "s", BigDecimal.valueOf(1_000_000_000L),
          "m", BigDecimal.valueOf(60_000_000_000L),
          "h", BigDecimal.valueOf(3_600_000_000_000L));

  private WireRequests() {}

  /**
   * A request body, read up to {@code maxBytes} and within {@code timeout} from the first read, as
   * a JSON object. A client that stops sending is cut off by Tomcat's read timeout ({@code
   * server.tomcat.connection-timeout}, between bytes: Tomcat answers 408 itself); one that keeps
   * trickling bytes is cut off here, since each byte would reset that timeout.
   */
  static Fields read(InputStream body, long maxBytes, Duration timeout) throws IOException {
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes);
    long started = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n;
        (n = body.read(buffer, 0, Math.min(buffer.length, limit + 1 - received.size()))) >= 0; ) {
      received.write(buffer, 0, n);
      if (received.size() > limit) {
        throw new ApiException(413, GateFilter.tooLarge(maxBytes));
      }
      if (System.nanoTime() - started > timeout.toNanos()) {
        throw slowBody(timeout);
      }
    }
    byte[] bytes = received.toByteArray();
    if (bytes.length == 0) {
      throw ApiException.badRequest("Request body is empty; send a JSON object");
    }
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new Fields(tree, "request body");
  }

  private static ApiException slowBody(Duration timeout) {
    return new ApiException(
        408,
        "Request body did not arrive within "
            + timeout.toMillis()
            + " ms (app.body-timeout); send it at once");
  }

  /** {@code POST /api/chat}; the stream flag is read by the caller. */
  static ChatRequest chat(Fields body) {
    body.only(
        "model",
        "messages",
        "tools",
        "format",
        "options",
        "stream",
        "think",
        "keep_alive",
        "logprobs",
        "top_logprobs",
        "truncate",
        "shift");
    return build(
        () -> {
          ChatRequest.Builder builder = ChatRequest.builder(body.requiredText("model"));
          List<Fields> messages = body.objects("messages");
          for (int i = 0; i < messages.size(); i++) {
            builder.message(message(messages.get(i), "messages[" + i + "]"));
          }
          List<Fields> tools = body.objects("tools");
          for (int i = 0; i < tools.size(); i++) {
            builder.tool(tool(tools.get(i)));
          }
          format(body).ifPresent(builder::format);
          options(body).ifPresent(builder::options);
          think(body).ifPresent(builder::think);
          keepAlive(body).ifPresent(builder::keepAlive);
          body.bool("logprobs").ifPresent(builder::logprobs);
          body.integer("top_logprobs").ifPresent(builder::topLogprobs);
          body.bool("truncate").ifPresent(builder::truncate);
          body.bool("shift").ifPresent(builder::shift);
          return builder.build();
        });
  }

  /** {@code POST /api/generate}; the stream flag is read by the caller. */
  static GenerateRequest generate(Fields body) {
    body.only(
        "model",
        "prompt",
        "suffix",
        "images",
        "format",
        "system",
        "template",
        "context",
        "raw",
        "stream",
        "think",
        "keep_alive",
        "options",
        "logprobs",
        "top_logprobs",
        "truncate",
        "shift");
    return build(
        () -> {
          GenerateRequest.Builder builder = GenerateRequest.builder(body.requiredText("model"));
          body.text("prompt").ifPresent(builder::prompt);
          body.text("suffix").ifPresent(builder::suffix);
          List<String> images = body.texts("images");
          for (int i = 0; i < images.size(); i++) {
            builder.image(image(images.get(i), "images[" + i + "]"));
          }
          format(body).ifPresent(builder::format);
          body.text("system").ifPresent(builder::system);
          body.text("template").ifPresent(builder::template);
          context(builder, body.integers("context"));
          body.bool("raw").ifPresent(builder::raw);
          think(body).ifPresent(builder::think);
          keepAlive(body).ifPresent(builder::keepAlive);
          options(body).ifPresent(builder::options);
          body.bool("logprobs").ifPresent(builder::logprobs);
          body.integer("top_logprobs").ifPresent(builder::topLogprobs);
          body.bool("truncate").ifPresent(builder::truncate);
          body.bool("shift").ifPresent(builder::shift);
          return builder.build();
        });
  }

  /** {@code POST /api/embed}. */
  static EmbedRequest embed(Fields body) {
    body.only("model", "input", "truncate", "dimensions", "options", "keep_alive");
    return build(
        () -> {
          EmbedRequest.Builder builder = EmbedRequest.builder(body.requiredText("model"));
          JsonNode input = body.get("input");
          if (input == null) {
            throw ApiException.badRequest("input is required: a string or an array of strings");
          } else if (input.isTextual()) {
            builder.input(input.textValue());
          } else {
            builder.inputs(body.texts("input"));
          }
          body.bool("truncate").ifPresent(builder::truncate);
          body.integer("dimensions").ifPresent(builder::dimensions);
          options(body).ifPresent(builder::options);
          keepAlive(body).ifPresent(builder::keepAlive);
          return builder.build();
        });
  }

  /** {@code POST /api/show}: the model's name; {@code name} is Ollama's older spelling. */
  static String showModel(Fields body) {
    body.only("model", "name", "verbose");
    Optional<String> model = body.text("model").or(() -> body.text("name"));
    if (model.isEmpty() || model.get().isBlank()) {
      throw ApiException.badRequest("model is required: the name of the model to show");
    }
    return model.get();
  }

  private static Message message(Fields fields, String where) {
    fields.only("role", "content", "thinking", "images", "tool_calls", "tool_name", "tool_call_id");
    if (fields.text("role").isEmpty()) {
      throw ApiException.badRequest(where + ".role is required: system, user, assistant or tool");
    }
    try {
      return Wire.MAPPER.treeToValue(fields.node, Message.class);
    } catch (JsonProcessingException | IllegalArgumentException | OllamaException e) {
      throw ApiException.badRequest(where + " is not a valid message: " + rootMessage(e), e);
    }
  }

  private static Tool tool(Fields fields) {
    fields.only("type", "function");
    String type = fields.text("type").orElse("function");
    if (!type.equals("function")) {
      throw ApiException.badRequest(
          fields.where + ".type must be \"function\", was \"" + type + "\"");
    }
    Fields function = fields.object("function");
    function.only("name", "description", "parameters");
    JsonNode parameters = function.get("parameters");
    return Tool.function(
        function.requiredText("name"),
        function.text("description").orElse(""),
        parameters == null ? Wire.MAPPER.createObjectNode() : parameters);
  }

  /** Deprecated by Ollama, still accepted by it: passed on for clients that send it. */
  @SuppressWarnings("deprecation")
  private static void context(GenerateRequest.Builder builder, List<Integer> context) {
    if (!context.isEmpty()) {
      builder.context(context);
    }
  }

  private static Image image(String base64, String where) {
    try {
      return Image.fromBase64(base64);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(where + " is not base64: " + e.getMessage(), e);
    }
  }

  private static Optional<Format> format(Fields body) {
    JsonNode format = body.get("format");
    if (format == null) {
      return Optional.empty();
    }
    if (format.isTextual() && format.textValue().equals("json")) {
      return Optional.of(Format.json());
    }
    if (format.isObject()) {
      return Optional.of(Format.schema(format));
    }
    throw ApiException.badRequest("format must be \"json\" or a JSON Schema object");
  }

  private static Optional<Options> options(Fields body) {
    JsonNode options = body.get("options");
    if (options == null) {
      return Optional.empty();
    }
    if (!options.isObject()) {
      throw ApiException.badRequest("options must be an object, such as {\"temperature\": 0.2}");
    }
    Options.Builder builder = Options.builder();
    for (Map.Entry<String, JsonNode> option : options.properties()) {
      if (!option.getValue().isNull()) {
        builder.option(option.getKey(), option.getValue());
      }
    }
    return Optional.of(builder.build());
  }

  private static Optional<Think> think(Fields body) {
    JsonNode think = body.get("think");
    if (think == null) {
      return Optional.empty();
    }
    if (think.isBoolean()) {
      return Optional.of(think.booleanValue() ? Think.ENABLED : Think.DISABLED);
    }
    if (think.isTextual()) {
      return Optional.of(Think.level(think.textValue()));
    }
    throw ApiException.badRequest("think must be true, false, or low, medium, high or max");
  }

  /** Ollama's two forms: seconds as a number, or a Go duration string; negative is forever. */
  static Optional<KeepAlive> keepAlive(Fields body) {
    JsonNode keepAlive = body.get("keep_alive");
    if (keepAlive == null) {
      return Optional.empty();
    }
    BigDecimal nanos;
    if (keepAlive.isNumber()) {
      nanos = keepAlive.decimalValue().multiply(NANOS_PER_UNIT.get("s"));
    } else if (keepAlive.isTextual()) {
      nanos = goDurationNanos(keepAlive.textValue());
    } else {
      throw ApiException.badRequest("keep_alive must be seconds or a duration such as \"5m\"");
    }
    if (nanos.signum() < 0) {
      return Optional.of(KeepAlive.FOREVER);
    }
    return Optional.of(KeepAlive.of(Duration.ofNanos(nanos.longValue())));
  }

  private static BigDecimal goDurationNanos(String text) {
    String rest = text;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.startsWith("-");
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return BigDecimal.ZERO;
    }
    Matcher part = GO_DURATION_PART.matcher(rest);
    BigDecimal total = BigDecimal.ZERO;
    int at = 0;
    while (at < rest.length() && part.find(at) && part.start() == at) {
      total = total.add(new BigDecimal(part.group(1)).multiply(NANOS_PER_UNIT.get(part.group(2))));
      at = part.end();
    }
    if (rest.isEmpty() || at != rest.length()) {
      throw ApiException.badRequest(
          "keep_alive \"" + text + "\" is not a duration; use seconds or \"30s\", \"5m\", \"1h\"");
    }
    return negative ? total.negate() : total;
  }

  /** Runs a builder; its own checks name the field, and become a 400. */
  private static <T> T build(Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException | OllamaException e) {
      throw ApiException.badRequest(e.getMessage(), e);
    } catch (NullPointerException e) {
      throw ApiException.badRequest(e.getMessage() + " is required", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause instanceof JsonProcessingException json
        ? json.getOriginalMessage()
        : cause.getMessage();
  }

  /** A JSON object whose fields are read by name and type; {@code null} counts as absent. */
  static final class Fields {
    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String where) {
      if (node == null || !node.isObject()) {
        throw ApiException.badRequest(where + " must be a JSON object");
      }
      this.node = node;
      this.where = where;
    }

    private String name(String field) {
      return where.equals("request body") ? field : where + "." + field;
    }

    /** Rejects every field not named. */
    void only(String... known) {
      Set<String> allowed = Set.of(known);
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw ApiException.badRequest(
              "unknown field \""
                  + name(name)
                  + "\"; known fields: "
                  + String.join(", ", new TreeSet<>(allowed)));
        }
      }
    }

    JsonNode get(String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value;
    }

    Optional<String> text(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return Optional.empty();
      }
      if (!value.isTextual()) {
        throw ApiException.badRequest(name(field) + " must be a string");
      }
      return Optional.of(value.textValue());
    }

    String requiredText(String field) {
      String value = text(field).orElse("");
      if (value.isBlank()) {
        throw ApiException.badRequest(name(field) + " is required and must not be blank");
      }
      return value;
    }

    Optional<Boolean> bool(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return Optional.empty();
      }
      if (!value.isBoolean()) {
        throw ApiException.badRequest(name(field) + " must be true or false");
      }
      return Optional.of(value.booleanValue());
    }

    Optional<Integer> integer(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return Optional.empty();
      }
      if (!value.isInt()) {
        throw ApiException.badRequest(name(field) + " must be an integer");
      }
      return Optional.of(value.intValue());
    }

    private List<JsonNode> array(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        throw ApiException.badRequest(name(field) + " must be an array");
      }
      List<JsonNode> items = new ArrayList<>();
      value.forEach(items::add);
      return items;
    }

    List<String> texts(String field) {
      List<String> texts = new ArrayList<>();
      List<JsonNode> items = array(field);
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).isTextual()) {
          throw ApiException.badRequest(name(field) + "[" + i + "] must be a string");
        }
        texts.add(items.get(i).textValue());
      }
      return texts;
    }

    List<Integer> integers(String field) {
      List<Integer> numbers = new ArrayList<>();
      List<JsonNode> items = array(field);
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).isInt()) {
          throw ApiException.badRequest(name(field) + "[" + i + "] must be an integer");
        }
        numbers.add(items.get(i).intValue());
      }
      return numbers;
    }

    List<Fields> objects(String field) {
      List<Fields> objects = new ArrayList<>();
      List<JsonNode> items = array(field);
      for (int i = 0; i < items.size(); i++) {
        objects.add(new Fields(items.get(i), name(field) + "[" + i + "]"));
      }
      return objects;
    }

    Fields object(String field) {
      JsonNode value = get(field);
      if (value == null) {
        throw ApiException.badRequest(name(field) + " is required and must be an object");
      }
      return new Fields(value, name(field));
    }
  }
}
