package io.github.ollamaclient.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.error.OllamaProtocolException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one Jackson configuration of the client, and the small conversions every wire type needs.
 *
 * <p>Only members annotated with {@code @JsonProperty} (or a {@code @JsonCreator}) take part, so
 * the JSON a request produces is exactly what its annotations say, and a new accessor can never
 * leak into the wire format by accident. Unknown response fields are ignored: Ollama adds fields
 * often.
 */
public final class Json {
  /**
   * The client's mapper: reads Ollama's answers through the records' own creators and writes the
   * requests. Thread-safe; never reconfigure it after start-up.
   */
  public static final ObjectMapper MAPPER = builder().build();

  /** The wire configuration of the client's mapper. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
        // A body of two JSON values is broken, not its first value.
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        .visibility(PropertyAccessor.ALL, Visibility.NONE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }

  private Json() {}

  /**
   * The mapper for the caller's own types (structured output, tool arguments): Jackson's usual
   * rules, so plain records and beans work without annotations; unknown fields ignored, since a
   * model may add some. Reads {@code Optional} and {@code java.time} values too ({@link
   * UserTypesModule}), so the types {@code JsonSchemas} describes can be parsed back. Built on
   * first use: most programs never need it, and it costs start-up time.
   */
  public static ObjectMapper userTypes() {
    return UserTypes.MAPPER;
  }

  /** Holds the user-types mapper, so that it is built when first asked for (class init is lazy). */
  private static final class UserTypes {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .addModule(UserTypesModule.create())
            .build();
  }

  /**
   * Parses text the model wrote (structured output, tool arguments) into the caller's type.
   *
   * @param what names the text in the error, such as {@code "chat message content"}
   * @throws OllamaProtocolException with a preview of the text when it does not fit the type
   */
  public static <T> T parseAs(String text, Class<T> type, String what) {
    try {
      return userTypes().readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new OllamaProtocolException(
          what
              + " is not a JSON "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage()
              + "; text: "
              + Previews.of(text, false),
          e);
    }
  }

  /** Converts a JSON tree the model produced (tool arguments) into the caller's type. */
  public static <T> T convertTo(JsonNode tree, Class<T> type, String what) {
    try {
      return userTypes().treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new OllamaProtocolException(
          what + " do not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** A new empty JSON object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Converts any Java value (map, list, record, annotated bean) into a JSON tree. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Serialises a request body to UTF-8 JSON bytes. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
    }
  }

  /**
   * Nanoseconds as Ollama sends them to a {@link Duration}; {@code null} (field absent) to {@link
   * Duration#ZERO}.
   */
  public static Duration nanos(Long nanos) {
    return nanos == null ? Duration.ZERO : Duration.ofNanos(nanos);
  }

  /**
   * An RFC 3339 timestamp as Go writes it ({@code 2023-08-04T19:22:45.499127Z}, {@code
   * 2024-06-04T14:38:31.83753-07:00}) to an {@link Instant}; absent to {@link Instant#EPOCH}.
   *
   * @throws OllamaProtocolException when the text is not a timestamp
   */
  public static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return Instant.EPOCH;
    }
    Instant common = rfc3339(text);
    if (common != null) {
      return common;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new OllamaProtocolException("not an RFC 3339 timestamp: \"" + text + "\"", e);
    }
  }

  /**
   * {@link #instant(String)} of the characters {@code chars[offset, offset + length)}, such as a
   * parser's text buffer: the common shape is read in place, without making a {@code String}.
   *
   * @throws OllamaProtocolException when the text is not a timestamp
   */
  public static Instant instant(char[] chars, int offset, int length) {
    Instant common = length == 0 ? null : rfc3339(chars, offset, length);
    return common != null ? common : instant(new String(chars, offset, length));
  }

  /**
   * Reads a timestamp as {@link #instant(String)} does, from the parser's own buffer: a stream's
   * every chunk has one, and the text need not become a {@code String} first. Named on the fields
   * and creator parameters that take one ({@code @JsonDeserialize(using = Json.Timestamp.class)}).
   */
  public static final class Timestamp extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    /** Jackson makes it from the annotation. */
    public Timestamp() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        return instant(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      }
      return instant(context.readValue(parser, String.class));
    }
  }

  /**
   * The shape Go prints ({@code 2024-06-04T14:38:31.83753-07:00}, {@code ...Z}), read by position
   * without java.time's formatter, which allocates maps and big decimals per call: a stream decodes
   * one timestamp per chunk. Null for anything else, which {@link OffsetDateTime#parse} then
   * judges.
   */
  private static Instant rfc3339(String text) {
    return rfc3339(text.toCharArray(), 0, text.length());
  }

  private static Instant rfc3339(char[] chars, int offset, int length) {
    int end = offset + length;
    if (length < 20
        || chars[offset + 4] != '-'
        || chars[offset + 7] != '-'
        || chars[offset + 10] != 'T'
        || chars[offset + 13] != ':'
        || chars[offset + 16] != ':') {
      return null;
    }
    int at = offset + 19;
    int nanos = 0;
    if (chars[at] == '.') {
      int start = ++at;
      while (at < end && chars[at] >= '0' && chars[at] <= '9') {
        at++;
      }
      int count = at - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = digits(chars, start, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = 0;
    if (at == end - 6 && (chars[at] == '+' || chars[at] == '-') && chars[at + 3] == ':') {
      int offsetHours = digits(chars, at + 1, 2);
      int offsetMinutes = digits(chars, at + 4, 2);
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (chars[at] == '-' ? -1 : 1);
      if ((offsetHours | offsetMinutes) < 0 || offsetMinutes > 59 || offsetHours > 18) {
        return null;
      }
    } else if (at != end - 1 || chars[at] != 'Z') {
      return null;
    }
    int year = digits(chars, offset, 4);
    int month = digits(chars, offset + 5, 2);
    int day = digits(chars, offset + 8, 2);
    int hour = digits(chars, offset + 11, 2);
    int minute = digits(chars, offset + 14, 2);
    int second = digits(chars, offset + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59
        || Math.abs(offsetSeconds) > 18 * 3600) {
      return null;
    }
    try {
      // LocalDate checks the date (31 April, 29 February) with arithmetic alone, no formatter.
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(
          epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code chars[from, from + count)}; -1 if any character is no digit. */
  private static int digits(char[] chars, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** A possibly absent list as an unmodifiable list, never {@code null}. */
  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A possibly absent map as an unmodifiable map, never {@code null}. */
  public static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Map.copyOf(map);
  }

  /** A possibly absent or empty string as an optional: empty for both. */
  public static Optional<String> optionalText(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A possibly absent string as a string, never {@code null}. */
  public static String text(String text) {
    return text == null ? "" : text;
  }
}
