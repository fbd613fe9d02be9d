package io.github.ollamaclient.schema;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.json.Json;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * JSON Schemas of Java types, for structured outputs: the model's answer then parses back into the
 * type with {@code responseAs(type)}.
 *
 * <pre>{@code
 * record Country(String name, @JsonPropertyDescription("in millions") double population,
 *     List<String> languages, Optional<String> motto) {}
 *
 * ObjectNode schema = JsonSchemas.of(Country.class);
 * // {"type":"object","properties":{"name":{"type":"string"},
 * //   "population":{"type":"number","description":"in millions"},
 * //   "languages":{"type":"array","items":{"type":"string"}},"motto":{"type":"string"}},
 * //  "required":["name","population","languages"]}
 * }</pre>
 *
 * <p>The schema uses only what Ollama's structured outputs handle well: {@code type} ({@code
 * object}, {@code array}, {@code string}, {@code integer}, {@code number}, {@code boolean}), {@code
 * properties}, {@code required}, {@code items}, {@code enum}, {@code additionalProperties}, {@code
 * format} and {@code description}. Every type is written out in place, without {@code $ref}.
 *
 * <table>
 *   <caption>How Java types map</caption>
 *   <tr><th>Java</th><th>schema</th></tr>
 *   <tr><td>{@code String}, {@code CharSequence}, {@code char}, {@code Character}, {@code
 *       char[]}</td><td>{@code string}</td></tr>
 *   <tr><td>{@code boolean}, {@code Boolean}</td><td>{@code boolean}</td></tr>
 *   <tr><td>{@code byte}, {@code short}, {@code int}, {@code long}, their wrappers, {@code
 *       BigInteger}</td><td>{@code integer}</td></tr>
 *   <tr><td>{@code float}, {@code double}, their wrappers, {@code BigDecimal}, {@code
 *       Number}</td><td>{@code number}</td></tr>
 *   <tr><td>enums</td><td>{@code enum} of the names Jackson reads: the constant's name, its
 *       {@code @JsonProperty}, or its {@code @JsonValue} (strings or integers)</td></tr>
 *   <tr><td>arrays, {@code List}, {@code Set}, any {@code Collection}</td><td>{@code array} with
 *       {@code items} from the element type</td></tr>
 *   <tr><td>{@code Map<String, V>}</td><td>{@code object} with {@code additionalProperties} from
 *       {@code V}</td></tr>
 *   <tr><td>{@code LocalDate}</td><td>{@code string}, format {@code date}</td></tr>
 *   <tr><td>{@code LocalTime}</td><td>{@code string}, format {@code time}</td></tr>
 *   <tr><td>{@code LocalDateTime}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code
 *       Instant}</td><td>{@code string}, format {@code date-time}</td></tr>
 *   <tr><td>{@code Duration}</td><td>{@code string}, format {@code duration} (ISO 8601, {@code
 *       PT1H30M})</td></tr>
 *   <tr><td>{@code UUID}, {@code URI}</td><td>{@code string}, format {@code uuid}, {@code
 *       uri}</td></tr>
 *   <tr><td>records and other classes</td><td>{@code object} with their properties</td></tr>
 * </table>
 *
 * <p>The properties of a type are the ones Jackson sets when it reads the answer back (the caller
 * types mapper: records' components, public fields, setters, fields with a public getter, {@code
 * JsonCreator} parameters), so the schema and the parsing always agree. Records keep their
 * components' declaration order; other classes Jackson's property order. {@code @JsonProperty}
 * renames, {@code @JsonIgnore} removes, {@code @JsonPropertyDescription} gives a property's {@code
 * description} and {@code @JsonClassDescription} a type's.
 *
 * <p>Every property is {@code required} except those of type {@code Optional<T>}, which are
 * described as {@code T} and may be left out (the answer then parses to {@code Optional.empty()}).
 * Nothing else, including {@code @JsonProperty(required = ...)}, changes that.
 *
 * <p>The date and time formats are RFC 3339's, so the model may add an offset to a {@code
 * LocalTime} or {@code LocalDateTime}; parsing keeps the local time it wrote.
 *
 * <p>Rejected with an {@link IllegalArgumentException} naming the property path (such as {@code
 * Order.items[].product}; {@code []} is an element, {@code {}} a map value) and the type: {@code
 * Object} and types left without a type argument (a raw {@code List}), maps whose keys are not
 * {@code String}, interfaces and abstract classes, {@code Optional} other than as a property's
 * type, {@code byte[]}, other JDK types (such as {@code java.util.Date}), classes without
 * properties Jackson can set, and recursive types (a type that contains itself), which have no
 * finite schema without {@code $ref}.
 *
 * <p>In a GraalVM native image the type is read by reflection, here and when the answer is parsed
 * back: register it and the types it contains (Spring: {@code @RegisterReflectionForBinding}; else
 * a {@code reflect-config.json} entry with {@code allDeclaredConstructors}, {@code
 * allDeclaredMethods}, {@code allDeclaredFields} and {@code allRecordComponents}). The client's own
 * types need nothing: core ships their metadata.
 *
 * <p>Thread-safe. Schemas are cached per class; each call returns a fresh copy to change freely.
 */
public final class JsonSchemas {
  private static final ClassValue<ObjectNode> CACHE =
      new ClassValue<>() {
        @Override
        protected ObjectNode computeValue(Class<?> type) {
          DeserializationConfig config = Json.userTypes().getDeserializationConfig();
          return new Walk(config).schema(config.constructType(type), type.getSimpleName());
        }
      };

  private static final Set<Class<?>> STRINGS =
      Set.of(String.class, CharSequence.class, char.class, Character.class, char[].class);
  private static final Set<Class<?>> BOOLEANS = Set.of(boolean.class, Boolean.class);
  private static final Set<Class<?>> INTEGERS =
      Set.of(
          byte.class,
          Byte.class,
          short.class,
          Short.class,
          int.class,
          Integer.class,
          long.class,
          Long.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(float.class, Float.class, double.class, Double.class, BigDecimal.class, Number.class);
  private static final Map<Class<?>, String> FORMATS =
      Map.of(
          LocalDate.class, "date",
          LocalTime.class, "time",
          LocalDateTime.class, "date-time",
          OffsetDateTime.class, "date-time",
          ZonedDateTime.class, "date-time",
          Instant.class, "date-time",
          Duration.class, "duration",
          UUID.class, "uuid",
          URI.class, "uri");

  private JsonSchemas() {}

  /**
   * The JSON Schema of {@code type}, as a new tree.
   *
   * @throws IllegalArgumentException naming the property path and type when a part of {@code type}
   *     has no JSON Schema this class can write (see the class documentation)
   */
  public static ObjectNode of(Class<?> type) {
    Objects.requireNonNull(type, "type");
    return CACHE.get(type).deepCopy();
  }

  /** One schema construction: remembers the types being described, to catch recursion. */
  private static final class Walk {
    private final DeserializationConfig config;
    private final Deque<Class<?>> enclosing = new ArrayDeque<>();

    Walk(DeserializationConfig config) {
      this.config = config;
    }

    ObjectNode schema(JavaType type, String path) {
      Class<?> raw = type.getRawClass();
      if (STRINGS.contains(raw)) {
        return typed("string");
      }
      if (BOOLEANS.contains(raw)) {
        return typed("boolean");
      }
      if (INTEGERS.contains(raw)) {
        return typed("integer");
      }
      if (NUMBERS.contains(raw)) {
        return typed("number");
      }
      String format = FORMATS.get(raw);
      if (format != null) {
        return typed("string").put("format", format);
      }
      if (raw == Optional.class) {
        throw reject(
            path,
            type,
            "Optional is supported only as the type of a property, where it makes the property"
                + " not required");
      }
      if (raw == byte[].class) {
        throw reject(
            path, type, "Jackson reads byte[] from base64 text; use List<Integer> or String");
      }
      if (type.isEnumType()) {
        return enumSchema(raw, path, type);
      }
      if (type.isArrayType() || type.isCollectionLikeType()) {
        ObjectNode schema = typed("array");
        schema.set("items", schema(type.getContentType(), path + "[]"));
        return schema;
      }
      if (type.isMapLikeType()) {
        if (!type.getKeyType().hasRawClass(String.class)) {
          throw reject(
              path,
              type,
              "map keys must be String, since JSON object keys are text; was "
                  + type.getKeyType().toCanonical());
        }
        ObjectNode schema = typed("object");
        schema.set("additionalProperties", schema(type.getContentType(), path + "{}"));
        return schema;
      }
      if (raw == Object.class) {
        throw reject(
            path,
            type,
            "Object has no fixed shape; use a concrete type (a List or Map without type"
                + " arguments ends here too: give it one)");
      }
      if (JsonNode.class.isAssignableFrom(raw)) {
        throw reject(path, type, "a JSON tree has no fixed shape; use a concrete type");
      }
      if (raw.isPrimitive() || raw.getName().startsWith("java.")) {
        throw reject(
            path,
            type,
            "this JDK type is not supported; see JsonSchemas for the supported ones (for"
                + " dates, use java.time)");
      }
      if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
        throw reject(
            path,
            type,
            "Jackson cannot create an interface or abstract class; use a record or concrete"
                + " class");
      }
      return objectSchema(type, path);
    }

    private ObjectNode objectSchema(JavaType type, String path) {
      Class<?> raw = type.getRawClass();
      if (enclosing.contains(raw)) {
        throw reject(
            path,
            type,
            raw.getSimpleName()
                + " contains itself: recursive types have no finite JSON Schema without $ref;"
                + " end the recursion with a separate type");
      }
      enclosing.push(raw);
      try {
        BeanDescription description = config.introspect(type);
        List<BeanPropertyDefinition> properties = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
          if (property.couldDeserialize() || isSetterless(property)) {
            properties.add(property);
          }
        }
        if (properties.isEmpty()) {
          throw reject(
              path,
              type,
              "it has no properties Jackson can set; make it a record, or give it public fields"
                  + " or setters");
        }
        if (raw.isRecord()) {
          properties.sort(Comparator.comparingInt(p -> componentIndex(raw, p.getInternalName())));
        }

        ObjectNode schema = typed("object");
        String classDescription =
            config.getAnnotationIntrospector().findClassDescription(description.getClassInfo());
        if (classDescription != null && !classDescription.isEmpty()) {
          schema.put("description", classDescription);
        }
        ObjectNode propertySchemas = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : properties) {
          String name = property.getName();
          JavaType propertyType = property.getPrimaryType();
          boolean optional = propertyType.hasRawClass(Optional.class);
          if (optional) {
            propertyType = propertyType.containedTypeOrUnknown(0);
          }
          ObjectNode propertySchema = schema(propertyType, path + "." + name);
          String text = property.getMetadata().getDescription();
          if (text != null && !text.isEmpty()) {
            propertySchema.put("description", text);
          }
          propertySchemas.set(name, propertySchema);
          if (!optional) {
            required.add(name);
          }
        }
        if (!required.isEmpty()) {
          ArrayNode requiredNode = schema.putArray("required");
          required.forEach(requiredNode::add);
        }
        return schema;
      } finally {
        enclosing.pop();
      }
    }

    private ObjectNode enumSchema(Class<?> raw, String path, JavaType type) {
      ArrayNode values = Json.object().arrayNode();
      boolean allText = true;
      boolean allIntegers = true;
      for (Object constant : raw.getEnumConstants()) {
        // Serialising the constant gives the text Jackson also reads back: its name, its
        // @JsonProperty or its @JsonValue.
        JsonNode value = Json.userTypes().valueToTree(constant);
        allText &= value.isTextual();
        allIntegers &= value.isIntegralNumber();
        values.add(value);
      }
      if (!allText && !allIntegers) {
        throw reject(path, type, "enum values must be all strings or all integers, were " + values);
      }
      ObjectNode schema = typed(allText ? "string" : "integer");
      schema.set("enum", values);
      return schema;
    }

    /**
     * A collection or map with only a getter, which Jackson fills through the getter ({@code
     * USE_GETTERS_AS_SETTERS}, on by default).
     */
    private boolean isSetterless(BeanPropertyDefinition property) {
      return property.hasGetter()
          && config.isEnabled(MapperFeature.USE_GETTERS_AS_SETTERS)
          && (property.getPrimaryType().isCollectionLikeType()
              || property.getPrimaryType().isMapLikeType());
    }

    private static int componentIndex(Class<?> record, String name) {
      RecordComponent[] components = record.getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (components[i].getName().equals(name)) {
          return i;
        }
      }
      return components.length;
    }

    private static ObjectNode typed(String type) {
      return Json.object().put("type", type);
    }

    private static IllegalArgumentException reject(String path, JavaType type, String why) {
      return new IllegalArgumentException(
          "cannot write a JSON Schema for "
              + path
              + " ("
              + (type.isArrayType() ? type.getRawClass().getTypeName() : type.toCanonical())
              + "): "
              + why);
    }
  }
}
