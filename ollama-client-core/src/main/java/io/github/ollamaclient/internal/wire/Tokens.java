package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.ollamaclient.internal.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Jackson's readers for the kinds of {@link Field}: the value the parser stands on, read directly
 * instead of through Jackson's creator buffers.
 *
 * <p>Each reader takes the parser standing on the field's value. The expected token is read on a
 * fast path; {@code null} gives what a {@code @JsonCreator} parameter would get (null, or false for
 * a {@code boolean}); any other token goes to Jackson's own deserializer for the same type, so
 * coercions and error messages stay exactly those of plain data binding.
 */
final class Tokens {
  private Tokens() {}

  /**
   * Stands the parser on the first field name of an object, or its end; the parser is on the
   * object's start (a root or property value) or already on a field name.
   *
   * @return the token to continue with: {@code FIELD_NAME} or {@code END_OBJECT}
   */
  static JsonToken enterObject(JsonParser parser, DeserializationContext context, Class<?> type)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      return parser.nextToken();
    }
    if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
      return token;
    }
    context.handleUnexpectedToken(type, parser);
    throw context.wrongTokenException(parser, type, JsonToken.START_OBJECT, null);
  }

  /** A string value; non-string scalars are coerced as Jackson does. */
  static String string(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return context.readValue(parser, String.class);
  }

  /** A timestamp ({@link Json#instant(String)}), read from the parser's buffer when a string. */
  static Instant instant(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return Json.instant(
          parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }
    return Json.instant(string(parser, context));
  }

  /** A {@code boolean} as a primitive creator parameter reads it: {@code null} is false. */
  static boolean bool(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL) {
      return false;
    }
    return context.readValue(parser, Boolean.TYPE);
  }

  /** A {@code Long}; null when {@code null}. */
  static Long longValue(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return context.readValue(parser, Long.class);
  }

  /** An {@code Integer}; null when {@code null}. */
  static Integer intValue(JsonParser parser, DeserializationContext context) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getIntValue();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    return context.readValue(parser, Integer.class);
  }

  /** A JSON tree; {@code null} is a {@link NullNode}, as for a {@code JsonNode} parameter. */
  static JsonNode tree(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return NullNode.getInstance();
    }
    return context.readValue(parser, JsonNode.class);
  }

  /** A list of {@code elementType}, by Jackson's own collection deserializer; null when null. */
  static <T> List<T> list(JsonParser parser, DeserializationContext context, Class<T> elementType)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    JavaType type = context.getTypeFactory().constructCollectionType(List.class, elementType);
    return context.readValue(parser, type);
  }
}
