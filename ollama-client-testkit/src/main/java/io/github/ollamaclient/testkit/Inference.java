package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** {@code /api/chat}, {@code /api/generate}, {@code /api/embed} and {@code /api/embeddings}. */
final class Inference {
  /** Nominal speeds, so that reported durations look like a small model on a laptop GPU. */
  private static final long PROMPT_NANOS_PER_TOKEN = 350_000L;

  private static final long EVAL_NANOS_PER_TOKEN = 12_000_000L;
  private static final long WARM_LOAD_NANOS = 2_150_000L;
  private static final long OVERHEAD_NANOS = 1_200_000L;
  private static final int DEFAULT_NUM_CTX = 4096;

  private final FakeOllama fake;

  Inference(FakeOllama fake) {
    this.fake = fake;
  }

  void chatOrGenerate(RecordedRequest request, Answer answer, boolean chat) throws IOException {
    long start = System.nanoTime();
    JsonNode body = OllamaHandler.requireBody(request, answer);
    // What Ollama's JSON decoding and its first checks refuse, before it looks for the model.
    String refused = refusedThink(body.path("think"));
    if (refused == null) {
      refused = refusedTopLogprobs(body.path("top_logprobs"));
    }
    if (refused != null) {
      answer.error(400, refused);
      return;
    }
    String name = body.path("model").asText("");
    if (chat && name.isBlank()) {
      answer.error(400, "model is required");
      return;
    }
    FakeModel model = fake.findModel(name);
    if (model == null) {
      answer.error(404, "model '" + name + "' not found");
      return;
    }
    if (!model.remoteModel().isEmpty() && fake.account() == null) {
      // A cloud model runs on ollama.com, which the server reaches only when signed in.
      CloudOps.signinRequired(answer);
      return;
    }
    JsonNode think = body.path("think");
    boolean thinkOn =
        (think.isBoolean() && think.asBoolean())
            || (think.isTextual() && !think.asText().isEmpty());
    boolean thinkOff = think.isBoolean() && !think.asBoolean();
    if (!model.can("completion")) {
      answer.error(400, "\"" + name + "\" does not support " + (chat ? "chat" : "generate"));
      return;
    }
    if (thinkOn && !model.can("thinking")) {
      answer.error(400, "\"" + name + "\" does not support thinking");
      return;
    }
    if (chat && !request.tools().isEmpty() && !model.can("tools")) {
      answer.error(400, Wire.fullName(model.name()) + " does not support tools");
      return;
    }
    Optional<Duration> keepAlive = Wire.keepAlive(body.get("keep_alive"));
    boolean empty = chat ? request.messages().isEmpty() : request.prompt().isEmpty();
    if (empty && keepAlive.isPresent() && keepAlive.get().isZero()) {
      fake.unload(model);
      answer.json(200, loadOrUnload(chat, name, "unload"));
      return;
    }
    answer.fault(model.currentFault());
    int numCtx = body.path("options").path("num_ctx").asInt(DEFAULT_NUM_CTX);
    boolean wasLoaded = fake.markLoaded(model, keepAlive, numCtx);
    if (empty) {
      answer.json(200, loadOrUnload(chat, name, "load"));
      return;
    }
    int promptTokens = promptTokens(request, chat);
    int window = Math.min(numCtx, model.contextTokens());
    if (body.path("truncate").isBoolean()
        && !body.path("truncate").asBoolean()
        && promptTokens >= window) {
      answer.error(400, contextOverflow(promptTokens, window));
      return;
    }

    if (body.path("_debug_render_only").asBoolean(false)) {
      answer.json(200, debugRender(chat, name, request));
      return;
    }

    Reply reply = model.replyFor(request);
    if (reply == null) {
      reply = fake.globalReply(request);
    }
    if (reply == null) {
      reply = model.defaultReply();
    }
    if (reply == null) {
      reply = Reply.text(defaultText(model, request.userText()));
    }
    String content = content(reply, request.format());
    String thinking = thinkOff ? "" : reply.thinking();
    List<Reply.ToolCall> toolCalls = reply.toolCalls();
    boolean logprobs = body.path("logprobs").asBoolean(false);
    int topLogprobs = body.path("top_logprobs").asInt(0);
    List<String> thinkingTokens = split(thinking, reply.tokenSize());
    List<String> contentTokens = split(content, reply.tokenSize());
    int evalCount = thinkingTokens.size() + contentTokens.size();
    for (Reply.ToolCall call : toolCalls) {
      evalCount += Wire.tokens(call.name() + call.arguments().toString()) + 3;
    }
    long loadNanos =
        answer.loadDelayNanos()
            + (wasLoaded ? WARM_LOAD_NANOS : FakeModel.nominalLoadTime().toNanos());

    boolean stream = request.stream();
    long evalStart = System.nanoTime();
    if (stream) {
      boolean first = true;
      for (String token : thinkingTokens) {
        first = pause(first, reply);
        answer.line(
            remote(
                model,
                withLogprobs(
                    chunk(chat, name, "", token, List.of()),
                    logprobs,
                    List.of(token),
                    topLogprobs)));
      }
      for (String token : contentTokens) {
        first = pause(first, reply);
        answer.line(
            remote(
                model,
                withLogprobs(
                    chunk(chat, name, token, "", List.of()),
                    logprobs,
                    List.of(token),
                    topLogprobs)));
      }
      if (chat && !toolCalls.isEmpty()) {
        pause(first, reply);
        answer.line(remote(model, chunk(chat, name, "", "", toolCalls)));
      }
    } else {
      // Ollama answers a non-streamed request after its last token: the same generation time,
      // with nothing on the wire until it is over, so a client's read timeout sees all of it.
      int pauses = thinkingTokens.size() + contentTokens.size() + (toolCalls.isEmpty() ? 0 : 1);
      Answer.sleep(reply.tokenDelay().multipliedBy(Math.max(0, pauses - 1)));
    }
    long measured = System.nanoTime() - evalStart;
    ObjectNode last =
        remote(
            model,
            stream
                ? chunk(chat, name, "", "", List.of())
                : chunk(chat, name, content, thinking, chat ? toolCalls : List.of()));
    if (!chat) {
      last.remove("done");
    }
    finish(last, chat, reply.doneReason());
    if (chat && logprobs && !stream) {
      // Go's ChatResponse: logprobs after done_reason, before the metrics.
      last.set("logprobs", logprobs(concat(thinkingTokens, contentTokens), topLogprobs));
    }
    long promptNanos = promptTokens * PROMPT_NANOS_PER_TOKEN;
    long evalNanos = Math.max(measured, evalCount * EVAL_NANOS_PER_TOKEN);
    long total =
        Math.max(System.nanoTime() - start, loadNanos + promptNanos + evalNanos + OVERHEAD_NANOS);
    if (!chat) {
      last.set("context", context(request.userText() + content, promptTokens + evalCount));
    }
    last.put("total_duration", total);
    last.put("load_duration", loadNanos);
    last.put("prompt_eval_count", promptTokens);
    last.put("prompt_eval_duration", promptNanos);
    last.put("eval_count", evalCount);
    last.put("eval_duration", evalNanos);
    if (!chat) {
      // Generate: a model's parser hands tool calls over with the final chunk; Go's
      // GenerateResponse puts them, then logprobs, after the metrics.
      if (!toolCalls.isEmpty()) {
        last.set("tool_calls", toolCallArray(toolCalls));
      }
      if (logprobs && !stream) {
        last.set("logprobs", logprobs(concat(thinkingTokens, contentTokens), topLogprobs));
      }
    }
    if (stream) {
      answer.line(last);
      answer.end();
    } else {
      answer.json(200, last);
    }
  }

  /**
   * Ollama's answer to {@code _debug_render_only}: the prompt instead of a generation, as one JSON
   * object with Go's zero values ({@code done: false}, an empty message or response) and {@code
   * _debug_info}; the empty message's role is {@code assistant}, where Go sends {@code ""}, since
   * Ollama's API description allows no other. The prompt is rendered as the default template
   * renders it, whatever template the fake model reports.
   */
  private static ObjectNode debugRender(boolean chat, String model, RecordedRequest request) {
    StringBuilder prompt = new StringBuilder();
    int images = 0;
    if (chat) {
      for (JsonNode message : request.messages()) {
        header(prompt, message.path("role").asText("")).append(message.path("content").asText(""));
        prompt.append("<|eot_id|>");
        images += message.path("images").size();
      }
    } else {
      JsonNode body = request.body();
      header(prompt, "user").append(request.prompt()).append("<|eot_id|>");
      images = body.path("images").size();
    }
    header(prompt, "assistant");
    ObjectNode node = Wire.object();
    node.put("model", model);
    node.put("created_at", Wire.utcTimestamp(Instant.now()));
    if (chat) {
      node.putObject("message").put("role", "assistant").put("content", "");
    } else {
      node.put("response", "");
    }
    node.put("done", false);
    ObjectNode info = node.putObject("_debug_info");
    info.put("rendered_template", prompt.toString());
    if (images > 0) {
      info.put("image_count", images);
    }
    return node;
  }

  private static StringBuilder header(StringBuilder prompt, String role) {
    return prompt.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n");
  }

  private static boolean pause(boolean first, Reply reply) throws IOException {
    if (!first) {
      Answer.sleep(reply.tokenDelay());
    }
    return false;
  }

  /**
   * The answer of a model that runs elsewhere (a cloud model): {@code remote_model} and {@code
   * remote_host} right after {@code model}, as Ollama's structs order them.
   */
  private static ObjectNode remote(FakeModel model, ObjectNode node) {
    if (model.remoteModel().isEmpty()) {
      return node;
    }
    ObjectNode ordered = Wire.object();
    ordered.set("model", node.get("model"));
    ordered.put("remote_model", model.remoteModel());
    ordered.put("remote_host", model.remoteHost());
    node.properties().forEach(member -> ordered.set(member.getKey(), member.getValue()));
    return ordered;
  }

  /** Go field order: model, created_at, message|response, (thinking), done, done_reason... */
  private static ObjectNode chunk(
      boolean chat, String model, String content, String thinking, List<Reply.ToolCall> calls) {
    ObjectNode node = Wire.object();
    node.put("model", model);
    node.put("created_at", Wire.utcTimestamp(Instant.now()));
    if (chat) {
      ObjectNode message = node.putObject("message");
      message.put("role", "assistant");
      message.put("content", content);
      if (!thinking.isEmpty()) {
        message.put("thinking", thinking);
      }
      if (!calls.isEmpty()) {
        message.set("tool_calls", toolCallArray(calls));
      }
    } else {
      node.put("response", content);
      if (!thinking.isEmpty()) {
        node.put("thinking", thinking);
      }
    }
    node.put("done", false);
    return node;
  }

  /** Tool calls as Ollama sends them: {@code id}, then {@code function} with its index. */
  private static ArrayNode toolCallArray(List<Reply.ToolCall> calls) {
    ArrayNode array = Wire.JSON.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      Reply.ToolCall call = calls.get(i);
      ObjectNode item = array.addObject();
      item.put("id", call.id());
      ObjectNode function = item.putObject("function");
      function.put("index", i);
      function.put("name", call.name());
      function.set("arguments", call.arguments().deepCopy());
    }
    return array;
  }

  /**
   * Ollama's {@code ThinkValue} decoding: a boolean, or one of its levels; anything else fails the
   * request's JSON with the decoder's own message. Null when {@code think} is fine.
   */
  static String refusedThink(JsonNode think) {
    if (think.isMissingNode() || think.isNull() || think.isBoolean()) {
      return null;
    }
    if (think.isTextual()) {
      return THINK_LEVELS.contains(think.asText())
          ? null
          : "invalid think value: \""
              + think.asText()
              + "\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)";
    }
    return "think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or"
        + " false)";
  }

  private static final List<String> THINK_LEVELS = List.of("high", "medium", "low", "max");

  private static String refusedTopLogprobs(JsonNode topLogprobs) {
    int value = topLogprobs.asInt(0);
    return value < 0 || value > 20 ? "top_logprobs must be between 0 and 20" : null;
  }

  /**
   * The refusal of a prompt that does not fit when {@code truncate} is false: llama-server's error
   * object, which Ollama 0.33 passes on as the text of its own {@code error}.
   */
  static String contextOverflow(int promptTokens, int window) {
    ObjectNode detail = Wire.object();
    detail
        .putObject("error")
        .put("code", 400)
        .put(
            "message",
            "request ("
                + promptTokens
                + " tokens) exceeds the available context size ("
                + window
                + " tokens), try increasing it")
        .put("type", "exceed_context_size_error")
        .put("n_prompt_tokens", promptTokens)
        .put("n_ctx", window);
    return detail.toString();
  }

  /** {@code node} with {@code logprobs} for its tokens when the request asked for them. */
  private static ObjectNode withLogprobs(
      ObjectNode node, boolean wanted, List<String> tokens, int top) {
    if (wanted) {
      node.set("logprobs", logprobs(tokens, top));
    }
    return node;
  }

  /** Alternatives offered in {@code top_logprobs}, after the token chosen. */
  private static final List<String> ALTERNATIVES =
      List.of(" the", ",", " a", ".", " and", " to", " of", " is", " in", " it");

  /**
   * Made-up log probabilities, the same for the same token: {@code token}, {@code logprob}, {@code
   * bytes} (its UTF-8), and with {@code top} above 0 that many {@code top_logprobs}, the chosen
   * token first, as llama-server ranks it.
   */
  static ArrayNode logprobs(List<String> tokens, int top) {
    ArrayNode array = Wire.JSON.createArrayNode();
    for (String token : tokens) {
      double logprob = -((seed(token) & 0xffff) / 65536.0) * 0.5;
      ObjectNode item = tokenLogprob(array.addObject(), token, logprob);
      if (top > 0) {
        ArrayNode alternatives = item.putArray("top_logprobs");
        tokenLogprob(alternatives.addObject(), token, logprob);
        for (int i = 0; alternatives.size() < top; i++) {
          String alternative = ALTERNATIVES.get(i % ALTERNATIVES.size());
          if (!alternative.equals(token)) {
            tokenLogprob(alternatives.addObject(), alternative, logprob - 1.25 * (i + 1));
          }
        }
      }
    }
    return array;
  }

  private static ObjectNode tokenLogprob(ObjectNode node, String token, double logprob) {
    node.put("token", token);
    node.put("logprob", logprob);
    ArrayNode bytes = node.putArray("bytes");
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
    return node;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static void finish(ObjectNode last, boolean chat, String doneReason) {
    if (chat) {
      last.remove("done");
      last.put("done_reason", doneReason);
      last.put("done", true);
    } else {
      last.put("done", true);
      last.put("done_reason", doneReason);
    }
  }

  private static ObjectNode loadOrUnload(boolean chat, String model, String reason) {
    ObjectNode node = Wire.object();
    node.put("model", model);
    node.put("created_at", Wire.utcTimestamp(Instant.now()));
    if (chat) {
      node.putObject("message").put("role", "assistant").put("content", "");
      node.put("done_reason", reason);
      node.put("done", true);
    } else {
      node.put("response", "");
      node.put("done", true);
      node.put("done_reason", reason);
    }
    return node;
  }

  private static String defaultText(FakeModel model, String prompt) {
    String said = prompt.length() > 200 ? prompt.substring(0, 200) + "..." : prompt;
    return said.isBlank()
        ? "Hello from " + model.name() + ", a fake Ollama model."
        : "Hello from " + model.name() + ", a fake Ollama model. You said: " + said;
  }

  /** The content for a request: the reply's JSON, its text if that is JSON, or a made-up fit. */
  static String content(Reply reply, Optional<JsonNode> format) {
    if (format.isEmpty()) {
      return reply.text();
    }
    if (reply.json().isPresent()) {
      return reply.json().get();
    }
    try {
      if (!reply.text().isBlank()) {
        Wire.JSON.readTree(reply.text());
        return reply.text();
      }
    } catch (IOException notJson) {
      // Fall through to a document that fits the format.
    }
    JsonNode schema = format.get();
    JsonNode document =
        schema.isObject()
            ? instanceOf(schema, reply.text())
            : Wire.object().put("response", reply.text());
    return document.toString();
  }

  /** A small document valid against a simple JSON Schema: what a constrained model would emit. */
  static JsonNode instanceOf(JsonNode schema, String text) {
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0).deepCopy();
    }
    if (schema.has("const")) {
      return schema.get("const").deepCopy();
    }
    JsonNode type = schema.path("type");
    String kind = type.isArray() && type.size() > 0 ? type.get(0).asText() : type.asText("");
    if (kind.isEmpty() && schema.has("properties")) {
      kind = "object";
    }
    switch (kind) {
      case "object":
        ObjectNode object = Wire.object();
        schema
            .path("properties")
            .properties()
            .forEach(field -> object.set(field.getKey(), instanceOf(field.getValue(), text)));
        return object;
      case "array":
        ArrayNode array = Wire.JSON.createArrayNode();
        int items = Math.max(1, schema.path("minItems").asInt(1));
        for (int i = 0; i < items; i++) {
          array.add(instanceOf(schema.path("items"), text));
        }
        return array;
      case "integer":
        return Wire.JSON.getNodeFactory().numberNode(Math.max(0, schema.path("minimum").asLong(0)));
      case "number":
        return Wire.JSON
            .getNodeFactory()
            .numberNode(Math.max(0.0, schema.path("minimum").asDouble(0)));
      case "boolean":
        return Wire.JSON.getNodeFactory().booleanNode(true);
      case "null":
        return Wire.JSON.getNodeFactory().nullNode();
      default:
        return Wire.JSON.getNodeFactory().textNode(text.isEmpty() ? "string" : text);
    }
  }

  /** Splits {@code text} into chunks of {@code size} code points (never halving a character). */
  static List<String> split(String text, int size) {
    List<String> tokens = new ArrayList<>();
    int[] points = text.codePoints().toArray();
    for (int i = 0; i < points.length; i += size) {
      tokens.add(new String(points, i, Math.min(size, points.length - i)));
    }
    return tokens;
  }

  private static int promptTokens(RecordedRequest request, boolean chat) {
    if (!chat) {
      return Wire.tokens(request.prompt()) + 10;
    }
    int tokens = 0;
    for (JsonNode message : request.messages()) {
      tokens += Wire.tokens(message.path("content").asText("")) + 4;
    }
    for (JsonNode tool : request.tools()) {
      tokens += Wire.tokens(tool.toString());
    }
    return tokens + 3;
  }

  /** Deterministic stand-ins for the token ids generate returns in {@code context}. */
  private static ArrayNode context(String seedText, int count) {
    ArrayNode ids = Wire.JSON.createArrayNode();
    Random random = new Random(seed(seedText));
    for (int i = 0; i < count; i++) {
      ids.add(random.nextInt(128_000) + 1);
    }
    return ids;
  }

  void embed(RecordedRequest request, Answer answer) throws IOException {
    long start = System.nanoTime();
    JsonNode body = OllamaHandler.requireBody(request, answer);
    List<String> inputs = new ArrayList<>();
    JsonNode input = body.path("input");
    if (input.isTextual()) {
      if (!input.asText().isEmpty()) {
        inputs.add(input.asText());
      }
    } else if (input.isArray()) {
      for (JsonNode item : input) {
        if (!item.isTextual()) {
          answer.error(400, "invalid input type");
          return;
        }
        inputs.add(item.asText());
      }
    } else if (!input.isMissingNode() && !input.isNull()) {
      answer.error(400, "invalid input type");
      return;
    }
    String name = body.path("model").asText("");
    FakeModel model = fake.findModel(name);
    if (model == null) {
      answer.error(404, "model '" + name + "' not found");
      return;
    }
    answer.fault(model.currentFault());
    int numCtx = body.path("options").path("num_ctx").asInt(DEFAULT_NUM_CTX);
    boolean wasLoaded = fake.markLoaded(model, Wire.keepAlive(body.get("keep_alive")), numCtx);
    if (body.path("truncate").isBoolean() && !body.path("truncate").asBoolean()) {
      // Ollama counts the tokenizer's BOS and EOS against the window too.
      int limit = Math.min(numCtx, model.contextTokens()) - 2;
      for (String text : inputs) {
        if (Wire.tokens(text) > limit) {
          answer.error(400, "the input length exceeds the context length");
          return;
        }
      }
    }
    ObjectNode response = Wire.object();
    response.put("model", name);
    ArrayNode embeddings = response.putArray("embeddings");
    if (inputs.isEmpty()) {
      answer.json(200, response);
      return;
    }
    int dimensions = body.path("dimensions").asInt(0);
    int promptTokens = 0;
    for (String text : inputs) {
      float[] vector = vector(text, model.dimension());
      if (dimensions > 0 && dimensions < vector.length) {
        vector = normalize(java.util.Arrays.copyOf(vector, dimensions));
      }
      ArrayNode row = embeddings.addArray();
      for (float value : vector) {
        row.add(value);
      }
      promptTokens += Wire.tokens(text) + 2;
    }
    long load =
        answer.loadDelayNanos()
            + (wasLoaded ? WARM_LOAD_NANOS : FakeModel.nominalLoadTime().toNanos());
    long total =
        Math.max(
            System.nanoTime() - start,
            load + promptTokens * PROMPT_NANOS_PER_TOKEN + OVERHEAD_NANOS);
    response.put("total_duration", total);
    response.put("load_duration", load);
    response.put("prompt_eval_count", promptTokens);
    answer.json(200, response);
  }

  void legacyEmbeddings(RecordedRequest request, Answer answer) throws IOException {
    JsonNode body = OllamaHandler.requireBody(request, answer);
    String name = body.path("model").asText("");
    if (!Wire.validName(name)) {
      answer.error(400, "model is required");
      return;
    }
    FakeModel model = fake.findModel(name);
    if (model == null) {
      answer.error(404, "model \"" + name + "\" not found, try pulling it first");
      return;
    }
    answer.fault(model.currentFault());
    fake.markLoaded(model, Wire.keepAlive(body.get("keep_alive")), DEFAULT_NUM_CTX);
    ObjectNode response = Wire.object();
    ArrayNode embedding = response.putArray("embedding");
    String prompt = body.path("prompt").asText("");
    if (!prompt.isEmpty()) {
      for (float value : vector(prompt, model.dimension())) {
        embedding.add((double) value);
      }
    }
    answer.json(200, response);
  }

  /** A unit vector that depends only on {@code text}: equal texts embed equally. */
  static float[] vector(String text, int dimension) {
    Random random = new Random(seed(text));
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return normalize(vector);
  }

  private static float[] normalize(float[] vector) {
    double sum = 0;
    for (float value : vector) {
      sum += (double) value * value;
    }
    double norm = 1.0 / Math.max(Math.sqrt(sum), 1e-12);
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) (vector[i] * norm);
    }
    return vector;
  }

  private static long seed(String text) {
    byte[] digest = HexFormat.of().parseHex(Wire.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
    return ByteBuffer.wrap(digest).getLong();
  }
}
