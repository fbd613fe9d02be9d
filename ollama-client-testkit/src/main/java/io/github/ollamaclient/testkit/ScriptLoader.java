package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a JSON or YAML script (format in the module README) into a {@link FakeOllama}. */
final class ScriptLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScriptLoader() {}

  static void load(FakeOllama fake, Path file) {
    JsonNode script;
    try {
      String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
      script = (lower.endsWith(".json") ? Wire.JSON : YAML).readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read FakeOllama script " + file, e);
    }
    try {
      apply(fake, script == null ? Wire.object() : script);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad FakeOllama script " + file + ": " + e.getMessage(), e);
    }
  }

  static void apply(FakeOllama fake, JsonNode script) {
    if (!script.isObject()) {
      throw new IllegalArgumentException("the script must be an object with 'models'");
    }
    if (script.hasNonNull("version")) {
      fake.withVersion(script.get("version").asText());
    }
    for (JsonNode entry : script.path("models")) {
      JsonNode spec = entry.isTextual() ? Wire.object().put("name", entry.asText()) : entry;
      FakeModel model = fake.model(required(spec, "name"));
      configure(model, spec);
    }
    for (JsonNode rule : script.path("replies")) {
      fake.reply(matcher(rule.path("when")), reply(replyNode(rule)));
    }
  }

  private static void configure(FakeModel model, JsonNode spec) {
    if (spec.has("size")) {
      model.size(spec.get("size").asLong());
    }
    if (spec.has("digest")) {
      model.digest(spec.get("digest").asText());
    }
    if (spec.has("family")) {
      model.family(spec.get("family").asText());
    }
    if (spec.has("parameter_size")) {
      model.parameterSize(spec.get("parameter_size").asText());
    }
    if (spec.has("quantization_level")) {
      model.quantizationLevel(spec.get("quantization_level").asText());
    }
    if (spec.has("format")) {
      model.format(spec.get("format").asText());
    }
    if (spec.has("modified_at")) {
      model.modifiedAt(Instant.parse(spec.get("modified_at").asText()));
    }
    if (spec.has("context_length")) {
      model.contextLength(spec.get("context_length").asInt());
    }
    if (spec.has("embedding_dimension")) {
      model.embeddingDimension(spec.get("embedding_dimension").asInt());
    }
    if (spec.has("capabilities")) {
      List<String> capabilities = new ArrayList<>();
      spec.get("capabilities").forEach(c -> capabilities.add(c.asText()));
      model.capabilities(capabilities.toArray(new String[0]));
    }
    if (spec.has("template")) {
      model.template(spec.get("template").asText());
    }
    if (spec.has("parameters")) {
      model.parameters(spec.get("parameters").asText());
    }
    if (spec.has("system")) {
      model.system(spec.get("system").asText());
    }
    if (spec.has("license")) {
      model.license(spec.get("license").asText());
    }
    if (spec.has("renderer") || spec.has("parser")) {
      model.rendererAndParser(spec.path("renderer").asText(""), spec.path("parser").asText(""));
    }
    for (JsonNode message : spec.path("messages")) {
      model.message(message.path("role").asText(), message.path("content").asText());
    }
    if (spec.path("projector_info").isObject()) {
      model.projectorInfo(
          Wire.JSON.convertValue(
              spec.get("projector_info"), new TypeReference<Map<String, Object>>() {}));
    }
    if (spec.has("reply")) {
      model.reply(reply(spec.get("reply")));
    }
    for (JsonNode rule : spec.path("replies")) {
      model.reply(matcher(rule.path("when")), reply(replyNode(rule)));
    }
    if (spec.has("fault")) {
      model.fault(fault(spec.get("fault")));
    }
  }

  private static JsonNode replyNode(JsonNode rule) {
    return rule.has("reply") ? rule.get("reply") : rule;
  }

  static PromptMatcher matcher(JsonNode when) {
    if (when.isTextual()) {
      return PromptMatcher.contains(when.asText());
    }
    if (when.has("contains")) {
      return PromptMatcher.contains(when.get("contains").asText());
    }
    if (when.has("regex")) {
      return PromptMatcher.regex(when.get("regex").asText());
    }
    if (when.has("tool_result")) {
      // true: any tool's result; a name: that tool's. Comes before the rule that asks for the tool.
      JsonNode tool = when.get("tool_result");
      return tool.isTextual()
          ? PromptMatcher.toolResult(tool.asText())
          : PromptMatcher.toolResult();
    }
    throw new IllegalArgumentException(
        "'when' needs 'contains', 'regex' or 'tool_result', got " + when);
  }

  static Reply reply(JsonNode spec) {
    if (spec.isTextual()) {
      return Reply.text(spec.asText());
    }
    if (!spec.isObject()) {
      throw new IllegalArgumentException("a reply is a string or an object, got " + spec);
    }
    Reply reply = Reply.text(spec.path("text").asText(""));
    if (spec.has("json")) {
      JsonNode json = spec.get("json");
      reply = reply.withJson(json.isTextual() ? json.asText() : json.toString());
      if (!spec.has("text")) {
        reply = reply.withText(reply.json().orElse(""));
      }
    }
    if (spec.has("thinking")) {
      reply = reply.withThinking(spec.get("thinking").asText());
    }
    for (JsonNode call : spec.path("tool_calls")) {
      Map<String, Object> arguments =
          Wire.JSON.convertValue(
              call.path("arguments").isObject() ? call.get("arguments") : Wire.object(),
              new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      reply =
          call.hasNonNull("id")
              ? reply.withToolCall(call.get("id").asText(), required(call, "name"), arguments)
              : reply.withToolCall(required(call, "name"), arguments);
    }
    if (spec.has("token_size")) {
      reply = reply.withTokenSize(spec.get("token_size").asInt());
    }
    if (spec.has("token_delay_ms")) {
      reply = reply.withTokenDelay(Duration.ofMillis(spec.get("token_delay_ms").asLong()));
    }
    if (spec.has("done_reason")) {
      reply = reply.withDoneReason(spec.get("done_reason").asText());
    }
    return reply;
  }

  static Fault fault(JsonNode spec) {
    String type = required(spec, "type");
    int after = spec.path("after_chunks").asInt(0);
    Duration duration = Duration.ofMillis(spec.path("ms").asLong(0));
    switch (type) {
      case "error":
        return Fault.errorAfter(after, spec.path("message").asText("an error was encountered"));
      case "stall":
        return Fault.stallAfter(after, duration);
      case "disconnect":
        return spec.has("after_chunks") ? Fault.disconnectAfter(after) : Fault.disconnect();
      case "html":
        return Fault.htmlError(spec.path("status").asInt(500));
      case "status":
        return spec.has("content_type")
            ? Fault.status(
                spec.path("status").asInt(500),
                spec.get("content_type").asText(),
                spec.path("body").asText(""))
            : Fault.status(spec.path("status").asInt(500), spec.path("body").asText(""));
      case "slow_first_token":
        return Fault.slowFirstToken(duration);
      default:
        throw new IllegalArgumentException(
            "fault type must be error, stall, disconnect, html, status or slow_first_token, got "
                + type);
    }
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required in " + node);
    }
    return value;
  }
}
