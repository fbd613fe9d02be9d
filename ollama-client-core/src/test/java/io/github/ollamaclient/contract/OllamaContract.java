package io.github.ollamaclient.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Ollama's API contract, from Ollama's own OpenAPI description ({@code ollama-api/openapi.yaml},
 * vendored unchanged) with the fields and routes of {@code api/types.go} and the server's route
 * table that it lags behind ({@code ollama-api/supplement.yaml}, each with the upstream line it
 * comes from).
 *
 * <p>Objects are checked closed: a property that neither file names is an error, so a misspelt
 * field name fails on whichever side spells it. Open objects of the spec (options, tool arguments,
 * JSON schemas) stay open: they are free-form on the wire too.
 */
public final class OllamaContract {
  private static final String SPEC = "/ollama-api/openapi.yaml";
  private static final String SUPPLEMENT = "/ollama-api/supplement.yaml";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final OllamaContract INSTANCE = load();

  private final ObjectNode spec;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

  private OllamaContract(ObjectNode spec) {
    this.spec = spec;
  }

  /** The contract, loaded once. */
  public static OllamaContract get() {
    return INSTANCE;
  }

  /**
   * What is wrong with a request body sent to {@code method path}: empty when it fits the spec's
   * request schema, or when the spec has no JSON body for that route (then nothing is checked).
   */
  public List<String> requestErrors(String method, String path, String body) {
    Optional<Schema> schema = schema(method, path, "/requestBody/content/application~1json/schema");
    return schema.map(s -> errors(s, body, "request body")).orElse(List.of());
  }

  /**
   * What is wrong with a 200 answer of {@code method path}: a JSON body against the spec's {@code
   * application/json} schema, or each line of an NDJSON body against its {@code
   * application/x-ndjson} schema. Empty when it fits, or when the spec has no such schema.
   */
  public List<String> responseErrors(String method, String path, String contentType, String body) {
    boolean ndjson = contentType != null && contentType.startsWith("application/x-ndjson");
    String media = ndjson ? "application~1x-ndjson" : "application~1json";
    Optional<Schema> schema = schema(method, path, "/responses/200/content/" + media + "/schema");
    if (schema.isEmpty()) {
      return List.of();
    }
    if (!ndjson) {
      return errors(schema.get(), body, "answer");
    }
    List<String> errors = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank() && !lines[i].contains("\"error\"")) {
        errors.addAll(errors(schema.get(), lines[i], "stream line " + (i + 1)));
      }
    }
    return errors;
  }

  /** Whether the spec describes {@code method path} at all. */
  public boolean describes(String method, String path) {
    return !spec.at("/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT))
        .isMissingNode();
  }

  private List<String> errors(Schema schema, String json, String what) {
    JsonNode value;
    try {
      value = JSON.readTree(json);
    } catch (RuntimeException e) {
      return List.of(what + " is not JSON: " + e.getMessage());
    }
    List<String> errors = new ArrayList<>();
    for (Error error : schema.validate(value)) {
      errors.add(what + ": " + error.getMessage() + " in " + json);
    }
    return errors;
  }

  private Optional<Schema> schema(String method, String path, String pointer) {
    String operation = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
    return schemas.computeIfAbsent(
        operation + pointer,
        key -> {
          JsonNode node = spec.at(key);
          if (node.isMissingNode()) {
            return Optional.empty();
          }
          // The schema with the spec's components beside it, so its "#/components/..." refs
          // resolve within this one document.
          ObjectNode root = ((ObjectNode) node).deepCopy();
          root.set("components", spec.get("components"));
          return Optional.of(
              registry.getSchema(
                  SchemaLocation.of("urn:ollama-api" + key.replace('/', ':')), root));
        });
  }

  private static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  private static OllamaContract load() {
    ObjectMapper yaml = YAMLMapper.builder().build();
    ObjectNode spec = (ObjectNode) yaml.readTree(resource(SPEC));
    JsonNode supplement = yaml.readTree(resource(SUPPLEMENT));
    ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
    for (var type : supplement.path("schemas").properties()) {
      String[] names = type.getKey().split("/");
      JsonNode found = schemas.path(names[0]);
      for (int i = 1; i < names.length; i++) {
        found = found.path("properties").path(names[i]);
      }
      if (!(found instanceof ObjectNode target)) {
        throw new IllegalStateException(
            SUPPLEMENT + " names no schema of the spec: " + type.getKey());
      }
      ObjectNode properties = target.withObjectProperty("properties");
      for (var field : type.getValue().properties()) {
        if (!field.getValue().hasNonNull("upstream")) {
          throw new IllegalStateException(
              SUPPLEMENT + ": " + type.getKey() + "." + field.getKey() + " says no upstream line");
        }
        properties.set(field.getKey(), field.getValue().get("schema"));
      }
    }
    ObjectNode paths = (ObjectNode) spec.get("paths");
    for (var route : supplement.path("paths").properties()) {
      ObjectNode target = paths.withObjectProperty(route.getKey());
      for (var operation : route.getValue().properties()) {
        String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + route.getKey();
        if (target.has(operation.getKey())) {
          throw new IllegalStateException(
              SUPPLEMENT + ": the spec describes " + name + " now; take it out of the supplement");
        }
        if (!operation.getValue().hasNonNull("upstream")) {
          throw new IllegalStateException(SUPPLEMENT + ": " + name + " says no upstream line");
        }
        ObjectNode described = ((ObjectNode) operation.getValue()).deepCopy();
        described.remove("upstream");
        target.set(operation.getKey(), described);
      }
    }
    close(spec.get("components"));
    close(paths);
    return new OllamaContract(spec);
  }

  /** Closes every object schema that lists its properties and does not say it is open. */
  private static void close(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && object.get("properties").isObject()
          && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      for (var member : object.properties()) {
        if (!member.getKey().equals("example") && !member.getKey().equals("examples")) {
          close(member.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(OllamaContract::close);
    }
  }

  private static String resource(String name) {
    try (InputStream in = OllamaContract.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
