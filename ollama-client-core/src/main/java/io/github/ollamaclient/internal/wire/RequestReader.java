package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.internal.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ollama's request JSON read into the client's builders, for gateways and proxies that receive it:
 * every field checked by name and type, so that an unknown or ill-typed field is an {@link
 * IllegalArgumentException} naming it, never dropped or passed on raw; the builders then check the
 * values as they do for code. {@code stream} is accepted and not kept: the method a caller picks
 * ({@code chat} or {@code chatStream}) decides it.
 */
public final class RequestReader {
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

  private RequestReader() {}

  /** {@code POST /api/chat}'s body. */
  public static ChatRequest chat(JsonNode json) {
    Fields body = new Fields(json, "request body");
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
        "shift",
        "_debug_render_only");
    return build(
        () -> {
          ChatRequest.Builder builder = ChatRequest.builder(body.requiredText("model"));
          List<Fields> messages = body.objects("messages");
          for (Fields message : messages) {
            builder.message(message(message));
          }
          for (Fields tool : body.objects("tools")) {
            builder.tool(tool(tool));
          }
          format(body).ifPresent(builder::format);
          options(body).ifPresent(builder::options);
          think(body).ifPresent(builder::think);
          keepAlive(body).ifPresent(builder::keepAlive);
          body.bool("logprobs").ifPresent(builder::logprobs);
          body.integer("top_logprobs").ifPresent(builder::topLogprobs);
          body.bool("truncate").ifPresent(builder::truncate);
          body.bool("shift").ifPresent(builder::shift);
          body.bool("_debug_render_only").ifPresent(builder::debugRenderOnly);
          return builder.build();
        });
  }

  /** {@code POST /api/generate}'s body. */
  @SuppressWarnings("deprecation") // context: deprecated by Ollama, still accepted by it
  public static GenerateRequest generate(JsonNode json) {
    Fields body = new Fields(json, "request body");
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
        "shift",
        "_debug_render_only");
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
          List<Integer> context = body.integers("context");
          if (!context.isEmpty()) {
            builder.context(context);
          }
          body.bool("raw").ifPresent(builder::raw);
          think(body).ifPresent(builder::think);
          keepAlive(body).ifPresent(builder::keepAlive);
          options(body).ifPresent(builder::options);
          body.bool("logprobs").ifPresent(builder::logprobs);
          body.integer("top_logprobs").ifPresent(builder::topLogprobs);
          body.bool("truncate").ifPresent(builder::truncate);
          body.bool("shift").ifPresent(builder::shift);
          body.bool("_debug_render_only").ifPresent(builder::debugRenderOnly);
          return builder.build();
        });
  }

  /** {@code POST /api/embed}'s body. */
  public static EmbedRequest embed(JsonNode json) {
    Fields body = new Fields(json, "request body");
    body.only("model", "input", "truncate", "dimensions", "options", "keep_alive");
    return build(
        () -> {
          EmbedRequest.Builder builder = EmbedRequest.builder(body.requiredText("model"));
          JsonNode input = body.get("input");
          if (input == null) {
            throw new IllegalArgumentException(
                "input is required: a string or an array of strings");
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

  private static Message message(Fields fields) {
    fields.only("role", "content", "thinking", "images", "tool_calls", "tool_name", "tool_call_id");
    if (fields.text("role").isEmpty()) {
      throw new IllegalArgumentException(
          fields.where + ".role is required: system, user, assistant or tool");
    }
    try {
      return Json.MAPPER.treeToValue(fields.node, Message.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          fields.where + " is not a valid message: " + rootMessage(e), e);
    }
  }

  private static Tool tool(Fields fields) {
    fields.only("type", "items", "function");
    String type = fields.text("type").orElse("function");
    if (!type.equals("function")) {
      throw new IllegalArgumentException(
          fields.where + ".type must be \"function\", was \"" + type + "\"");
    }
    Fields function = fields.object("function");
    function.only("name", "description", "parameters");
    JsonNode parameters = function.get("parameters");
    Tool tool =
        Tool.function(
            function.requiredText("name"),
            function.text("description").orElse(""),
            parameters == null ? Json.object() : parameters);
    JsonNode items = fields.get("items");
    return items == null ? tool : tool.withItems(items);
  }

  private static Image image(String base64, String where) {
    try {
      return Image.fromBase64(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not base64: " + e.getMessage(), e);
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
    throw new IllegalArgumentException("format must be \"json\" or a JSON Schema object");
  }

  private static Optional<Options> options(Fields body) {
    JsonNode options = body.get("options");
    if (options == null) {
      return Optional.empty();
    }
    if (!options.isObject()) {
      throw new IllegalArgumentException(
          "options must be an object, such as {\"temperature\": 0.2}");
    }
    Options.Builder builder = Options.builder();
    for (Map.Entry<String, JsonNode> option : options.properties()) {
      if (!option.getValue().isNull()) {
        // As plain Java values (Double, Integer, List, Map), as options set in code hold them.
        builder.option(option.getKey(), Json.MAPPER.convertValue(option.getValue(), Object.class));
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
    throw new IllegalArgumentException("think must be true, false, or low, medium, high or max");
  }

  /** Ollama's two forms: seconds as a number, or a Go duration string; negative is forever. */
  private static Optional<KeepAlive> keepAlive(Fields body) {
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
      throw new IllegalArgumentException("keep_alive must be seconds or a duration such as \"5m\"");
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
      throw new IllegalArgumentException(
          "keep_alive \"" + text + "\" is not a duration; use seconds or \"30s\", \"5m\", \"1h\"");
    }
    return negative ? total.negate() : total;
  }

  /**
   * Runs a builder; its own checks name the field. A missing required value (a builder's {@code
   * requireNonNull}) reads as what it is in JSON: a field that is required.
   */
  private static <T> T build(Supplier<T> builder) {
    try {
      return builder.get();
    } catch (OllamaException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException(e.getMessage() + " is required", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause instanceof com.fasterxml.jackson.core.JsonProcessingException json
        ? json.getOriginalMessage()
        : cause.getMessage();
  }

  /** A JSON value type a field or an array item must have, and how it is read. */
  private record Kind<T>(Predicate<JsonNode> fits, Function<JsonNode, T> value, String mustBe) {
    static final Kind<String> STRING =
        new Kind<>(JsonNode::isTextual, JsonNode::textValue, "a string");
    static final Kind<Boolean> BOOLEAN =
        new Kind<>(JsonNode::isBoolean, JsonNode::booleanValue, "true or false");
    static final Kind<Integer> INTEGER =
        new Kind<>(JsonNode::isInt, JsonNode::intValue, "an integer");

    /** The value, or the refusal naming it as {@code name}. */
    T read(JsonNode node, String name) {
      if (!fits.test(node)) {
        throw new IllegalArgumentException(name + " must be " + mustBe);
      }
      return value.apply(node);
    }
  }

  /** A JSON object whose fields are read by name and type; {@code null} counts as absent. */
  private static final class Fields {
    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String where) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(where + " must be a JSON object");
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
          throw new IllegalArgumentException(
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
      return one(field, Kind.STRING);
    }

    String requiredText(String field) {
      String value = text(field).orElse("");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name(field) + " is required and must not be blank");
      }
      return value;
    }

    Optional<Boolean> bool(String field) {
      return one(field, Kind.BOOLEAN);
    }

    Optional<Integer> integer(String field) {
      return one(field, Kind.INTEGER);
    }

    /** The field's value when present, refused naming the field when not of its kind. */
    private <T> Optional<T> one(String field, Kind<T> kind) {
      JsonNode value = get(field);
      return value == null ? Optional.empty() : Optional.of(kind.read(value, name(field)));
    }

    private List<JsonNode> array(String field) {
      JsonNode value = get(field);
      if (value == null) {
        return List.of();
      }
      if (!value.isArray()) {
        throw new IllegalArgumentException(name(field) + " must be an array");
      }
      List<JsonNode> items = new ArrayList<>();
      value.forEach(items::add);
      return items;
    }

    List<String> texts(String field) {
      return items(field, Kind.STRING);
    }

    List<Integer> integers(String field) {
      return items(field, Kind.INTEGER);
    }

    /** The items of an array field, each of one kind, refused naming its index otherwise. */
    private <T> List<T> items(String field, Kind<T> kind) {
      List<T> values = new ArrayList<>();
      List<JsonNode> items = array(field);
      for (int i = 0; i < items.size(); i++) {
        values.add(kind.read(items.get(i), name(field) + "[" + i + "]"));
      }
      return values;
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
        throw new IllegalArgumentException(name(field) + " is required and must be an object");
      }
      return new Fields(value, name(field));
    }
  }
}
