package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A model the fake has "installed": what {@code /api/tags}, {@code /api/show} and {@code /api/ps}
 * report about it, and how it answers. Get one with {@link FakeOllama#model(String)}; every setter
 * returns this model for chaining and takes effect on the next request.
 *
 * <p>Defaults look like a real small model: a digest that is a real-looking SHA-256 of the name,
 * family guessed from the name ({@code llama}, {@code gemma2}, {@code gemma3}, {@code qwen2},
 * {@code qwen3}, {@code phi3}, {@code bert} for embedding models), {@code 3.2B}, {@code Q4_K_M},
 * about 2 GB, context length 131072, capabilities {@code completion} and {@code tools} ({@code
 * embedding} for names with {@code embed} or {@code minilm}). Thread-safe.
 */
public final class FakeModel {
  private final String name;
  private long size = 2_019_393_189L;
  private String digest;
  private String format = "gguf";
  private String family;
  private List<String> families;
  private String parameterSize = "3.2B";
  private String quantizationLevel = "Q4_K_M";
  private String parentModel = "";
  private Instant modifiedAt;
  private int contextLength = 131_072;
  private int embeddingDimension;
  private String remoteModel = "";
  private String remoteHost = "";
  private final Set<String> capabilities = new LinkedHashSet<>();
  private String template =
      "{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>\n\n"
          + "{{ .Content }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>\n\n";
  private String parameters = "stop                           \"<|eot_id|>\"";
  private String system = "";
  private String license = "";
  private String requires = "";
  private String renderer = "";
  private String parser = "";
  private final List<Map.Entry<String, String>> messages = new ArrayList<>();
  private ObjectNode projectorInfo;
  private Reply reply;
  private final List<Rule> rules = new ArrayList<>();
  private Fault fault;

  record Rule(PromptMatcher matcher, Reply reply) {}

  FakeModel(String name) {
    this.name = Wire.canonicalName(name);
    this.digest = Wire.sha256Hex(this.name);
    this.modifiedAt = Instant.now().minus(3, ChronoUnit.DAYS);
    String lower = this.name.toLowerCase(Locale.ROOT);
    boolean embedding = lower.contains("embed") || lower.contains("minilm");
    this.family = embedding ? "bert" : guessFamily(lower);
    this.families = List.of(family);
    this.embeddingDimension = embedding ? 384 : 3072;
    if (embedding) {
      capabilities.add("embedding");
      parameterSize = "23M";
      quantizationLevel = "F16";
      size = 45_960_996L;
      contextLength = 512;
    } else {
      capabilities.add("completion");
      capabilities.add("tools");
    }
  }

  private FakeModel(FakeModel other, String newName) {
    this(newName);
    restoreFrom(other);
  }

  /** Makes this model's script equal to {@code other}'s, keeping its own name. */
  void restoreFrom(FakeModel other) {
    synchronized (other) {
      synchronized (this) {
        size = other.size;
        digest = other.digest;
        format = other.format;
        family = other.family;
        families = other.families;
        parameterSize = other.parameterSize;
        quantizationLevel = other.quantizationLevel;
        parentModel = other.parentModel;
        modifiedAt = other.modifiedAt;
        contextLength = other.contextLength;
        embeddingDimension = other.embeddingDimension;
        remoteModel = other.remoteModel;
        remoteHost = other.remoteHost;
        capabilities.clear();
        capabilities.addAll(other.capabilities);
        template = other.template;
        parameters = other.parameters;
        system = other.system;
        license = other.license;
        requires = other.requires;
        renderer = other.renderer;
        parser = other.parser;
        messages.clear();
        messages.addAll(other.messages);
        projectorInfo = other.projectorInfo;
        reply = other.reply;
        rules.clear();
        rules.addAll(other.rules);
        fault = other.fault;
      }
    }
  }

  FakeModel copyAs(String newName) {
    return new FakeModel(this, newName);
  }

  /** The canonical name, such as {@code llama3.2:latest}. */
  public String name() {
    return name;
  }

  /** Sets the size on disk in bytes (also the size in memory in {@code /api/ps}). */
  public synchronized FakeModel size(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("size must be positive, was " + bytes);
    }
    this.size = bytes;
    return this;
  }

  /** Sets the digest: 64 hex digits, with or without the {@code sha256:} prefix. */
  public synchronized FakeModel digest(String digest) {
    String hex = Objects.requireNonNull(digest, "digest").replaceFirst("^sha256[:-]", "");
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("digest must be 64 hex digits, was " + digest);
    }
    this.digest = hex.toLowerCase(Locale.ROOT);
    return this;
  }

  /** The architecture Ollama reports for models so named: newer lines have their own. */
  private static String guessFamily(String lowerName) {
    if (lowerName.contains("qwen3")) {
      return "qwen3";
    }
    if (lowerName.contains("qwen")) {
      return "qwen2";
    }
    if (lowerName.contains("gemma3")) {
      return "gemma3";
    }
    if (lowerName.contains("gemma")) {
      return "gemma2";
    }
    return lowerName.contains("phi") ? "phi3" : "llama";
  }

  /** Sets {@code details.family} (and {@code families} to just it); also the architecture. */
  public synchronized FakeModel family(String family) {
    this.family = requireText(family, "family");
    this.families = List.of(family);
    return this;
  }

  /** Sets {@code details.parameter_size}, such as {@code 8.0B}. */
  public synchronized FakeModel parameterSize(String parameterSize) {
    this.parameterSize = requireText(parameterSize, "parameterSize");
    return this;
  }

  /** Sets {@code details.quantization_level}, such as {@code Q8_0}. */
  public synchronized FakeModel quantizationLevel(String quantizationLevel) {
    this.quantizationLevel = requireText(quantizationLevel, "quantizationLevel");
    return this;
  }

  /** Sets {@code details.format} (default {@code gguf}). */
  public synchronized FakeModel format(String format) {
    this.format = requireText(format, "format");
    return this;
  }

  /** Sets when the model was last modified (default three days before it was added). */
  public synchronized FakeModel modifiedAt(Instant modifiedAt) {
    this.modifiedAt = Objects.requireNonNull(modifiedAt, "modifiedAt");
    return this;
  }

  /**
   * Makes it a model that runs on another Ollama host, as a cloud model such as {@code
   * gpt-oss:120b-cloud} does: its answers, its {@code /api/tags} entry and {@code /api/show} name
   * that host ({@code remote_model}, {@code remote_host}).
   */
  public synchronized FakeModel remote(String remoteModel, String remoteHost) {
    this.remoteModel = requireText(remoteModel, "remoteModel");
    this.remoteHost = requireText(remoteHost, "remoteHost");
    return this;
  }

  /** Sets {@code <family>.context_length} in {@code /api/show}'s {@code model_info}. */
  public synchronized FakeModel contextLength(int tokens) {
    if (tokens <= 0) {
      throw new IllegalArgumentException("contextLength must be positive, was " + tokens);
    }
    this.contextLength = tokens;
    return this;
  }

  /**
   * Sets the length of the vectors {@code /api/embed} returns (default 3072, 384 for embedders).
   */
  public synchronized FakeModel embeddingDimension(int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("embeddingDimension must be positive, was " + dimension);
    }
    this.embeddingDimension = dimension;
    return this;
  }

  /**
   * Replaces the capabilities ({@code completion}, {@code tools}, {@code thinking}, {@code
   * embedding}, {@code vision}, {@code insert}). Like Ollama, the fake refuses chat and generate
   * without {@code completion}, {@code tools} without {@code tools}, and {@code "think": true}
   * without {@code thinking}.
   */
  public synchronized FakeModel capabilities(String... capabilities) {
    this.capabilities.clear();
    for (String capability : capabilities) {
      this.capabilities.add(requireText(capability, "capability"));
    }
    return this;
  }

  /** Sets the prompt template {@code /api/show} reports. */
  public synchronized FakeModel template(String template) {
    this.template = Objects.requireNonNull(template, "template");
    return this;
  }

  /** Sets the {@code parameters} text {@code /api/show} reports, one {@code name value} a line. */
  public synchronized FakeModel parameters(String parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    return this;
  }

  /** Sets the system prompt {@code /api/show} reports. */
  public synchronized FakeModel system(String system) {
    this.system = Objects.requireNonNull(system, "system");
    return this;
  }

  /** Sets the license text {@code /api/show} reports. */
  public synchronized FakeModel license(String license) {
    this.license = Objects.requireNonNull(license, "license");
    return this;
  }

  /**
   * Sets the oldest Ollama version the model needs, which {@code /api/show} reports as {@code
   * requires}; empty (the default) for none.
   */
  public synchronized FakeModel requires(String version) {
    this.requires = Objects.requireNonNull(version, "version");
    return this;
  }

  /**
   * Sets the renderer and parser that build the model's prompts and read its output instead of a
   * template ({@code RENDERER} and {@code PARSER} in its Modelfile, such as {@code qwen3-coder}).
   * Ollama 0.33 shows them in the Modelfile; the {@code renderer} and {@code parser} fields of
   * {@code /api/show} come only with a cloud model's answer from ollama.com, so the fake sends them
   * for a {@link #remote} model. Empty (the default) for none.
   */
  public synchronized FakeModel rendererAndParser(String renderer, String parser) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.parser = Objects.requireNonNull(parser, "parser");
    return this;
  }

  /**
   * Adds a message built into the model ({@code MESSAGE role content} in its Modelfile), put before
   * every conversation; {@code /api/show} lists them in {@code messages}.
   */
  public synchronized FakeModel message(String role, String content) {
    messages.add(
        Map.entry(
            Objects.requireNonNull(role, "role"), Objects.requireNonNull(content, "content")));
    return this;
  }

  /**
   * Gives the model a vision projector whose file metadata is {@code info} (keys such as {@code
   * clip.vision.image_size}), which {@code /api/show} sends as {@code projector_info}; arrays of
   * more than five items are emptied there unless the request is verbose, as Ollama does.
   */
  public synchronized FakeModel projectorInfo(Map<String, ?> info) {
    this.projectorInfo = Wire.JSON.valueToTree(Objects.requireNonNull(info, "info"));
    return this;
  }

  /** Answers every request no rule matches with {@code text}. */
  public FakeModel reply(String text) {
    return reply(Reply.text(text));
  }

  /**
   * Answers every request no rule matches with {@code reply}. A reply with thinking adds the {@code
   * thinking} capability.
   */
  public synchronized FakeModel reply(Reply reply) {
    this.reply = Objects.requireNonNull(reply, "reply");
    addThinkingIfNeeded(reply);
    return this;
  }

  /**
   * Answers requests that {@code matcher} accepts with {@code reply}; rules are tried in the order
   * added, before the model's default reply.
   */
  public synchronized FakeModel reply(PromptMatcher matcher, Reply reply) {
    rules.add(
        new Rule(
            Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(reply, "reply")));
    addThinkingIfNeeded(reply);
    return this;
  }

  /** Injects {@code fault} into every chat, generate and embed request for this model. */
  public synchronized FakeModel fault(Fault fault) {
    this.fault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /** Removes the fault set by {@link #fault(Fault)}. */
  public synchronized FakeModel clearFault() {
    this.fault = null;
    return this;
  }

  private void addThinkingIfNeeded(Reply reply) {
    if (!reply.thinking().isEmpty()) {
      capabilities.add("thinking");
    }
  }

  private static String requireText(String value, String field) {
    if (Objects.requireNonNull(value, field).isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  synchronized long sizeBytes() {
    return size;
  }

  synchronized String digestHex() {
    return digest;
  }

  synchronized String formatName() {
    return format;
  }

  synchronized String familyName() {
    return family;
  }

  synchronized List<String> familyNames() {
    return families;
  }

  synchronized String parameterSizeLabel() {
    return parameterSize;
  }

  synchronized String quantization() {
    return quantizationLevel;
  }

  synchronized String remoteModel() {
    return remoteModel;
  }

  synchronized String remoteHost() {
    return remoteHost;
  }

  synchronized String parent() {
    return parentModel;
  }

  synchronized FakeModel parentModel(String parentModel) {
    this.parentModel = parentModel;
    return this;
  }

  synchronized Instant modified() {
    return modifiedAt;
  }

  synchronized int contextTokens() {
    return contextLength;
  }

  synchronized int dimension() {
    return embeddingDimension;
  }

  synchronized List<String> capabilityList() {
    return List.copyOf(capabilities);
  }

  synchronized boolean can(String capability) {
    return capabilities.contains(capability);
  }

  synchronized String templateText() {
    return template;
  }

  synchronized String parametersText() {
    return parameters;
  }

  synchronized String systemText() {
    return system;
  }

  synchronized String licenseText() {
    return license;
  }

  synchronized String rendererName() {
    return renderer;
  }

  synchronized String parserName() {
    return parser;
  }

  synchronized List<Map.Entry<String, String>> messageList() {
    return List.copyOf(messages);
  }

  synchronized Optional<ObjectNode> projector() {
    return Optional.ofNullable(projectorInfo).map(ObjectNode::deepCopy);
  }

  synchronized String requiresText() {
    return requires;
  }

  synchronized Fault currentFault() {
    return fault;
  }

  /** The rule-matched reply, else the default one, else {@code null}. */
  synchronized Reply replyFor(RecordedRequest request) {
    for (Rule rule : rules) {
      if (rule.matcher().matches(request)) {
        return rule.reply();
      }
    }
    return null;
  }

  synchronized Reply defaultReply() {
    return reply;
  }

  /** How long Ollama's bookkeeping says the model took to load, when it was not loaded. */
  static Duration nominalLoadTime() {
    return Duration.ofMillis(250);
  }

  @Override
  public String toString() {
    return "FakeModel{" + name + "}";
  }
}
