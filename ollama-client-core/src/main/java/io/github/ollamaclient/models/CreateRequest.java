package io.github.ollamaclient.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.chat.Message;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/create}: a new model made from an existing one ({@link
 * Builder#from}), from model files ({@link Builder#file}: GGUF or Safetensors), or both, with its
 * own system prompt, template, parameters, licence, adapters or quantization.
 *
 * <pre>{@code
 * CreateRequest mario = CreateRequest.builder("mario")
 *     .from("llama3.2")
 *     .system("You are Mario from Super Mario Bros.")
 *     .parameter("temperature", 0.8)
 *     .build();
 *
 * CreateRequest local = CreateRequest.builder("my-gguf-model")
 *     .file("model.gguf", Path.of("/models/model.gguf")) // uploaded by client.create()
 *     .build();
 * }</pre>
 *
 * <p>Files given as a {@link Path} (model files, adapters, draft files) are uploaded as blobs by
 * {@code client.create(request)} before the request is sent (skipping any the server already has),
 * and sent as their digests.
 */
public final class CreateRequest {
  /** A release such as {@code 0.12}, {@code 0.12.6} or {@code 0.13.0-rc1}: what Ollama prints. */
  private static final Pattern VERSION =
      Pattern.compile("v?\\d+(\\.\\d+){0,2}([-+][0-9A-Za-z.+-]+)?");

  @JsonProperty("model")
  private final String model;

  @JsonProperty("from")
  private final String from;

  private final Map<String, String> files;
  private final Map<String, Path> filePaths;
  private final Map<String, String> adapters;
  private final Map<String, Path> adapterPaths;
  private final Map<String, String> draftFiles;
  private final Map<String, Path> draftFilePaths;

  @JsonProperty("remote_host")
  private final String remoteHost;

  @JsonProperty("draft_quantize")
  private final String draftQuantize;

  @JsonProperty("requires")
  private final String requires;

  private final Map<String, Object> info;

  @JsonProperty("template")
  private final String template;

  @JsonProperty("renderer")
  private final String renderer;

  @JsonProperty("parser")
  private final String parser;

  private final List<String> license;

  @JsonProperty("system")
  private final String system;

  private final Map<String, Object> parameters;

  private final List<Message> messages;

  @JsonProperty("quantize")
  private final String quantize;

  private CreateRequest(Builder builder) {
    this.model = builder.model;
    this.from = builder.from;
    this.files = Collections.unmodifiableMap(new LinkedHashMap<>(builder.files));
    this.filePaths = Collections.unmodifiableMap(new LinkedHashMap<>(builder.filePaths));
    this.adapters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.adapters));
    this.adapterPaths = Collections.unmodifiableMap(new LinkedHashMap<>(builder.adapterPaths));
    this.draftFiles = Collections.unmodifiableMap(new LinkedHashMap<>(builder.draftFiles));
    this.draftFilePaths = Collections.unmodifiableMap(new LinkedHashMap<>(builder.draftFilePaths));
    this.remoteHost = builder.remoteHost;
    this.draftQuantize = builder.draftQuantize;
    this.requires = builder.requires;
    this.info = Collections.unmodifiableMap(new LinkedHashMap<>(builder.info));
    this.template = builder.template;
    this.renderer = builder.renderer;
    this.parser = builder.parser;
    this.license = List.copyOf(builder.license);
    this.system = builder.system;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
    this.messages = List.copyOf(builder.messages);
    this.quantize = builder.quantize;
  }

  /** A builder for a model to be named {@code model}, such as {@code mario} or {@code me/mario}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder builder = new Builder(model);
    builder.from = from;
    builder.files.putAll(files);
    builder.filePaths.putAll(filePaths);
    builder.adapters.putAll(adapters);
    builder.adapterPaths.putAll(adapterPaths);
    builder.draftFiles.putAll(draftFiles);
    builder.draftFilePaths.putAll(draftFilePaths);
    builder.remoteHost = remoteHost;
    builder.draftQuantize = draftQuantize;
    builder.requires = requires;
    builder.info.putAll(info);
    builder.template = template;
    builder.renderer = renderer;
    builder.parser = parser;
    builder.license.addAll(license);
    builder.system = system;
    builder.parameters.putAll(parameters);
    builder.messages.addAll(messages);
    builder.quantize = quantize;
    return builder;
  }

  /** The name of the model to create. */
  public String model() {
    return model;
  }

  /** The existing model to start from. */
  public Optional<String> from() {
    return Optional.ofNullable(from);
  }

  /** Model files already on the server: file name to blob digest ({@code sha256:<hex>}). */
  public Map<String, String> files() {
    return files;
  }

  /** Model files still on this machine, uploaded by {@code client.create}: file name to path. */
  public Map<String, Path> filePaths() {
    return filePaths;
  }

  /** LoRA adapters already on the server: file name to blob digest ({@code sha256:<hex>}). */
  public Map<String, String> adapters() {
    return adapters;
  }

  /** LoRA adapters still on this machine, uploaded by {@code client.create}: name to path. */
  public Map<String, Path> adapterPaths() {
    return adapterPaths;
  }

  /**
   * The draft model's files already on the server, for speculative decoding: file name to blob
   * digest ({@code sha256:<hex>}).
   */
  public Map<String, String> draftFiles() {
    return draftFiles;
  }

  /** The draft model's files still on this machine, uploaded by {@code client.create}. */
  public Map<String, Path> draftFilePaths() {
    return draftFilePaths;
  }

  /** The quantization to apply to the draft model, such as {@code q8_0}. */
  public Optional<String> draftQuantize() {
    return Optional.ofNullable(draftQuantize);
  }

  /** The Ollama server that runs the model, when the model is a reference to a remote one. */
  public Optional<String> remoteHost() {
    return Optional.ofNullable(remoteHost);
  }

  /** The oldest Ollama version that can run the model, such as {@code 0.12.6}. */
  public Optional<String> requires() {
    return Optional.ofNullable(requires);
  }

  /** Free-form information stored with the model; empty when none. */
  public Map<String, Object> info() {
    return info;
  }

  /** The prompt template, in Go template syntax. */
  public Optional<String> template() {
    return Optional.ofNullable(template);
  }

  /** The name of the renderer that turns messages into the model's prompt format. */
  public Optional<String> renderer() {
    return Optional.ofNullable(renderer);
  }

  /** The name of the parser that reads the model's output (thinking, tool calls). */
  public Optional<String> parser() {
    return Optional.ofNullable(parser);
  }

  /** The licence texts; empty when none. */
  public List<String> license() {
    return license;
  }

  /** The system prompt built into the model. */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /** The model's default parameters, such as {@code temperature} or {@code stop}. */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** A conversation built into the model, which every chat with it starts from. */
  public List<Message> messages() {
    return messages;
  }

  /** The quantization to apply, such as {@code q4_K_M} or {@code q8_0}. */
  public Optional<String> quantize() {
    return Optional.ofNullable(quantize);
  }

  @JsonProperty("files")
  private Map<String, String> filesWire() {
    return files.isEmpty() ? null : files;
  }

  @JsonProperty("adapters")
  private Map<String, String> adaptersWire() {
    return adapters.isEmpty() ? null : adapters;
  }

  @JsonProperty("draft_files")
  private Map<String, String> draftFilesWire() {
    return draftFiles.isEmpty() ? null : draftFiles;
  }

  @JsonProperty("info")
  private Map<String, Object> infoWire() {
    return info.isEmpty() ? null : info;
  }

  /** One licence goes as a string, several as a list: the two forms the API accepts. */
  @JsonProperty("license")
  private Object licenseWire() {
    if (license.isEmpty()) {
      return null;
    }
    return license.size() == 1 ? license.get(0) : license;
  }

  @JsonProperty("parameters")
  private Map<String, Object> parametersWire() {
    return parameters.isEmpty() ? null : parameters;
  }

  @JsonProperty("messages")
  private List<Message> messagesWire() {
    return messages.isEmpty() ? null : messages;
  }

  @Override
  public String toString() {
    return "CreateRequest[model="
        + model
        + ", from="
        + from
        + ", files="
        + files.keySet()
        + ", filePaths="
        + filePaths.keySet()
        + ", adapters="
        + adapters.keySet()
        + ", adapterPaths="
        + adapterPaths.keySet()
        + ", draftFiles="
        + draftFiles.keySet()
        + ", draftFilePaths="
        + draftFilePaths.keySet()
        + ", quantize="
        + quantize
        + ", draftQuantize="
        + draftQuantize
        + ", remoteHost="
        + remoteHost
        + ", requires="
        + requires
        + "]";
  }

  /** Builds a {@link CreateRequest}. */
  public static final class Builder {
    private String model;
    private String from;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Path> filePaths = new LinkedHashMap<>();
    private final Map<String, String> adapters = new LinkedHashMap<>();
    private final Map<String, Path> adapterPaths = new LinkedHashMap<>();
    private final Map<String, String> draftFiles = new LinkedHashMap<>();
    private final Map<String, Path> draftFilePaths = new LinkedHashMap<>();
    private String remoteHost;
    private String draftQuantize;
    private String requires;
    private final Map<String, Object> info = new LinkedHashMap<>();
    private String template;
    private String renderer;
    private String parser;
    private final List<String> license = new ArrayList<>();
    private String system;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private String quantize;

    private Builder(String model) {
      this.model = model;
    }

    /** The name of the model to create. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** The existing model to start from, such as {@code llama3.2}. */
    public Builder from(String from) {
      this.from = ModelNames.requireName(from, "from");
      return this;
    }

    /**
     * A file of one kind ({@code what}: file, adapter, draft file) by its digest; it replaces a
     * local path given for the same name, so each name is sent once.
     */
    private Builder byDigest(
        String what,
        String name,
        String digest,
        Map<String, String> digests,
        Map<String, Path> paths) {
      String key = ModelNames.requireName(name, what + " name");
      digests.put(key, ModelNames.requireDigest(digest, "digest of " + what + " " + name));
      paths.remove(key);
      return this;
    }

    /** A file of one kind by its local path; it replaces a digest given for the same name. */
    private Builder byPath(
        String what, String name, Path path, Map<String, Path> paths, Map<String, String> digests) {
      String key = ModelNames.requireName(name, what + " name");
      paths.put(key, Objects.requireNonNull(path, "path of " + what + " " + name));
      digests.remove(key);
      return this;
    }

    /**
     * A model file already uploaded as a blob: {@code name} is the file name the model expects
     * ({@code model.gguf}, {@code config.json}...), {@code digest} its {@code sha256:<hex>}.
     * Replaces an earlier file of the same name.
     *
     * @throws IllegalArgumentException when the name is blank or the digest malformed
     */
    public Builder file(String name, String digest) {
      return byDigest("file", name, digest, files, filePaths);
    }

    /**
     * A model file on this machine, uploaded as a blob by {@code client.create} (unless the server
     * already has it) and then sent as its digest. Replaces an earlier file of the same name.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder file(String name, Path path) {
      return byPath("file", name, path, filePaths, files);
    }

    /**
     * A LoRA adapter already uploaded as a blob, by file name and {@code sha256:<hex>} digest.
     *
     * @throws IllegalArgumentException when the name is blank or the digest malformed
     */
    public Builder adapter(String name, String digest) {
      return byDigest("adapter", name, digest, adapters, adapterPaths);
    }

    /**
     * A LoRA adapter on this machine, uploaded as a blob by {@code client.create} and then sent as
     * its digest.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder adapter(String name, Path path) {
      return byPath("adapter", name, path, adapterPaths, adapters);
    }

    /**
     * A file of the draft model, already uploaded as a blob: the small model that proposes tokens
     * for the main one to check (speculative decoding). {@code name} is the file name, {@code
     * digest} its {@code sha256:<hex>}. Replaces an earlier draft file of the same name.
     *
     * @throws IllegalArgumentException when the name is blank or the digest malformed
     */
    public Builder draftFile(String name, String digest) {
      return byDigest("draft file", name, digest, draftFiles, draftFilePaths);
    }

    /**
     * A file of the draft model on this machine, uploaded as a blob by {@code client.create}
     * (unless the server already has it) and then sent as its digest.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public Builder draftFile(String name, Path path) {
      return byPath("draft file", name, path, draftFilePaths, draftFiles);
    }

    /**
     * Quantizes the draft model while creating, to a level such as {@code q8_0}; the main model's
     * level is {@link #quantize}.
     */
    public Builder draftQuantize(String draftQuantize) {
      this.draftQuantize = ModelNames.requireName(draftQuantize, "draftQuantize");
      return this;
    }

    /**
     * The Ollama server the model runs on, such as {@code https://ollama.com:443}: the new model is
     * then a local name for a model there, and requests to it are passed on.
     *
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     */
    public Builder remoteHost(String remoteHost) {
      String text = ModelNames.requireName(remoteHost, "remoteHost").strip();
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(
            "remoteHost must be an http or https URL, was \"" + remoteHost + "\"");
      }
      this.remoteHost = text;
      return this;
    }

    /**
     * The oldest Ollama version the model needs, such as {@code 0.12.6}; stored with the model,
     * where {@code show} reports it ({@code requires}), so that an older server can tell.
     *
     * @throws IllegalArgumentException when it is not a version such as {@code 0.12} or {@code
     *     0.12.6-rc1}
     */
    public Builder requires(String requires) {
      String text = ModelNames.requireName(requires, "requires").strip();
      if (!VERSION.matcher(text).matches()) {
        throw new IllegalArgumentException(
            "requires must be an Ollama version such as 0.12.6, was \"" + requires + "\"");
      }
      this.requires = text;
      return this;
    }

    /**
     * An entry of the free-form information stored with the model, such as a source URL or a
     * description: any JSON value (string, number, boolean, list, map). Replaces an earlier value
     * of the same key.
     */
    public Builder info(String key, Object value) {
      ModelNames.requireName(key, "info key");
      info.put(key, Objects.requireNonNull(value, "value of info " + key));
      return this;
    }

    /** Entries of the free-form information stored with the model, added to those already set. */
    public Builder info(Map<String, ?> info) {
      Objects.requireNonNull(info, "info").forEach(this::info);
      return this;
    }

    /** The prompt template, in Go template syntax. */
    public Builder template(String template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /** The renderer that turns messages into the model's prompt format, by name. */
    public Builder renderer(String renderer) {
      this.renderer = ModelNames.requireName(renderer, "renderer");
      return this;
    }

    /** The parser that reads the model's output (thinking, tool calls), by name. */
    public Builder parser(String parser) {
      this.parser = ModelNames.requireName(parser, "parser");
      return this;
    }

    /**
     * The licence text(s), replacing earlier ones: one is sent as a string, several as a list.
     *
     * @throws NullPointerException when a licence is {@code null}
     */
    public Builder license(String... licenses) {
      Objects.requireNonNull(licenses, "license");
      license.clear();
      for (String text : licenses) {
        license.add(Objects.requireNonNull(text, "license"));
      }
      return this;
    }

    /** The system prompt built into the model. */
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * A default parameter of the model, such as {@code temperature} 0.8, {@code num_ctx} 8192 or
     * {@code stop} {@code List.of("<|end|>")}. Replaces an earlier value of the same name.
     */
    public Builder parameter(String name, Object value) {
      ModelNames.requireName(name, "parameter name");
      parameters.put(name, Objects.requireNonNull(value, "value of parameter " + name));
      return this;
    }

    /** Default parameters of the model, added to those already set. */
    public Builder parameters(Map<String, ?> parameters) {
      Objects.requireNonNull(parameters, "parameters").forEach(this::parameter);
      return this;
    }

    /**
     * A message of the conversation built into the model (a few-shot example, say), after those
     * already added.
     */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Messages of the conversation built into the model, after those already added. */
    public Builder messages(List<Message> messages) {
      Objects.requireNonNull(messages, "messages");
      for (int i = 0; i < messages.size(); i++) {
        message(Objects.requireNonNull(messages.get(i), "messages[" + i + "]"));
      }
      return this;
    }

    /**
     * Quantizes the model while creating it from a 16- or 32-bit one, to a level such as {@code
     * q4_K_M}, {@code q4_K_S} or {@code q8_0}.
     */
    public Builder quantize(String quantize) {
      this.quantize = ModelNames.requireName(quantize, "quantize");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when the model is blank
     * @throws NullPointerException when the model is {@code null}
     */
    public CreateRequest build() {
      ModelNames.requireName(model, "model");
      return new CreateRequest(this);
    }
  }
}
