package io.github.ollamaclient.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading of {@code Optional} and {@code java.time} values into the caller's types (structured
 * output, tool arguments), which plain jackson-databind refuses without the jdk8 and jsr310 modules
 * that the client may not depend on. Covers what {@link io.github.ollamaclient.schema.JsonSchemas}
 * describes; reading only, since these values come from the model.
 */
final class UserTypesModule {
  private UserTypesModule() {}

  /** The module to register on {@link Json#userTypes()}. */
  static SimpleModule create() {
    SimpleModule module = new SimpleModule("ollama-client-user-types");
    module.setDeserializers(new OptionalDeserializers());
    add(module, LocalDate.class, LocalDate::parse);
    add(module, LocalTime.class, UserTypesModule::localTime);
    add(module, LocalDateTime.class, UserTypesModule::localDateTime);
    add(module, OffsetDateTime.class, OffsetDateTime::parse);
    add(module, ZonedDateTime.class, ZonedDateTime::parse);
    add(module, Instant.class, text -> OffsetDateTime.parse(text).toInstant());
    add(module, Duration.class, Duration::parse);
    return module;
  }

  private static <T> void add(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addDeserializer(type, new TextDeserializer<>(type, parse));
  }

  /**
   * A local time, or the local part of a time with an offset: the schema's {@code time} format (RFC
   * 3339) asks the model for an offset, and the wall-clock time it wrote is what is meant.
   */
  private static LocalTime localTime(String text) {
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetTime.parse(text).toLocalTime();
    }
  }

  /** A local date-time, or the local part of one with an offset, as for {@link #localTime}. */
  private static LocalDateTime localDateTime(String text) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text).toLocalDateTime();
    }
  }

  /** Reads a JSON string with a {@code parse} function; a parse failure names the text. */
  private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final transient Function<String, T> parse;

    TextDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return type.cast(context.handleUnexpectedToken(type, parser));
      }
      String text = parser.getText().strip();
      try {
        return parse.apply(text);
      } catch (DateTimeException e) {
        throw context.weirdStringException(text, type, e.getMessage());
      }
    }
  }

  /**
   * The module's deserializers by class, plus the one of {@code Optional<T>} for each {@code T},
   * which needs the full generic type rather than the class.
   */
  private static final class OptionalDeserializers extends SimpleDeserializers {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription description)
        throws JsonMappingException {
      if (type.hasRawClass(Optional.class)) {
        return new OptionalDeserializer(type, type.containedTypeOrUnknown(0), null);
      }
      return super.findBeanDeserializer(type, config, description);
    }
  }

  /**
   * {@code Optional<T>}: empty when the value is {@code null} or absent (a record component the
   * model left out), else the value read as {@code T}.
   */
  private static final class OptionalDeserializer extends StdDeserializer<Optional<?>>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final JavaType valueType;
    private final transient JsonDeserializer<Object> valueDeserializer;

    OptionalDeserializer(
        JavaType type, JavaType valueType, JsonDeserializer<Object> valueDeserializer) {
      super(type);
      this.valueType = valueType;
      this.valueDeserializer = valueDeserializer;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      return new OptionalDeserializer(
          getValueType(), valueType, context.findContextualValueDeserializer(valueType, property));
    }

    @Override
    public Optional<?> deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return Optional.ofNullable(valueDeserializer.deserialize(parser, context));
    }

    @Override
    public Optional<?> getNullValue(DeserializationContext context) {
      return Optional.empty();
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return Optional.empty();
    }
  }
}
