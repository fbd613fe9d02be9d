package io.github.ollamaclient.examples.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.math.BigInteger;
import java.util.Collection;
import java.util.TreeSet;

/**
 * A service's own request JSON bound by Jackson to a record, strictly, with every mistake an {@link
 * InvalidRequestException} naming the field by its path ({@code tasks[1].minutes}):
 *
 * <ul>
 *   <li>a field the record does not declare is refused, listing the known ones: a misspelt field
 *       must not vanish;
 *   <li>no value is coerced: {@code "10"}, {@code 1.5} or {@code true} is not a number, {@code 5}
 *       not a string, {@code "true"} not a boolean. The records declare whole numbers as {@link
 *       BigInteger}, so that no size wraps into range (an {@code int} would overflow unnamed);
 *   <li>{@code null} is absent: the record's creator gets {@code null} and says what is missing;
 *   <li>an {@code InvalidRequestException} the creator throws names its field within the object,
 *       and is named from the root here.
 * </ul>
 */
public final class RequestJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private RequestJson() {}

  /**
   * Binds {@code json} to {@code type}.
   *
   * @throws InvalidRequestException naming the field, for the first mistake found
   */
  public static <T> T read(JsonNode json, Class<T> type) {
    if (json == null || !json.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    try {
      return MAPPER.treeToValue(json, type);
    } catch (UnrecognizedPropertyException e) {
      TreeSet<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(name -> known.add(String.valueOf(name)));
      throw InvalidRequestException.unknownField(path(e), known);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidRequestException invalid) {
        throw invalid.under(path(e));
      }
      throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
    } catch (MismatchedInputException e) {
      String path = path(e);
      throw new InvalidRequestException(
          path.isEmpty() ? "body" : path, "must be " + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read " + type.getSimpleName(), e);
    }
  }

  /** What a value of this type is, as the page should be told. */
  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == BigInteger.class) {
      return "a whole number";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  /** {@code tasks[1].minutes}: the field the exception is about, cut short; empty for the root. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() == null) {
        path.append('[').append(reference.getIndex()).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(shown(reference.getFieldName()));
      }
    }
    return path.toString();
  }

  /** A value quoted back in an error, cut short: the answer must not echo a megabyte. */
  public static String shown(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
