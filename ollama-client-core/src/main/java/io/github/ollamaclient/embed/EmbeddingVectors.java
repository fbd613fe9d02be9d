package io.github.ollamaclient.embed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes embedding vectors token by token into {@code float[]}. Responses carry hundreds of
 * vectors of a thousand numbers each, so this avoids everything Jackson's generic path would
 * allocate per number (boxed {@code Float}s, list nodes, strings).
 */
final class EmbeddingVectors {
  private EmbeddingVectors() {}

  /**
   * Reads one array of numbers; the parser stands on its {@code START_ARRAY}. {@code scratch} holds
   * the numbers while the length is unknown, so each vector costs one exactly sized array.
   */
  static float[] readVector(
      JsonParser parser, DeserializationContext context, Scratch scratch, String name, int index)
      throws IOException {
    float[] buffer = scratch.buffer;
    int size = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
        return context.reportInputMismatch(
            float[].class,
            "%s[%d] must be a number, was %s",
            index < 0 ? name : name + "[" + index + "]",
            size,
            describe(token, parser));
      }
      if (size == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
        scratch.buffer = buffer;
      }
      float value = parser.getFloatValue();
      if (value == 0f && token == JsonToken.VALUE_NUMBER_INT && startsWithMinus(parser)) {
        value = -0f; // Go prints negative zero as "-0", which reads as the integer 0
      }
      buffer[size++] = value;
    }
    return Arrays.copyOf(buffer, size);
  }

  private static boolean startsWithMinus(JsonParser parser) throws IOException {
    return parser.getTextLength() > 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-';
  }

  /** What a token that should have been a number or an array was, for error messages. */
  static String describe(JsonToken token, JsonParser parser) throws IOException {
    if (token == null) {
      return "the end of the input";
    }
    switch (token) {
      case START_ARRAY:
        return "an array (nested too deep)";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "a string \"" + shorten(parser.getText()) + "\"";
      case VALUE_NULL:
        return "null";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      default:
        return token.toString();
    }
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  /** The growing buffer shared by the vectors of one response. */
  static final class Scratch {
    float[] buffer = new float[1024];
  }

  /** {@code embeddings} of {@code /api/embed}: an array of vectors. */
  static final class ListDeserializer extends StdDeserializer<List<float[]>> {
    private static final long serialVersionUID = 1L;

    ListDeserializer() {
      super(List.class);
    }

    @Override
    public List<float[]> deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.isExpectedStartArrayToken()) {
        return context.reportInputMismatch(
            this,
            "embeddings must be an array of arrays of numbers, was %s",
            describe(parser.currentToken(), parser));
      }
      Scratch scratch = new Scratch();
      List<float[]> vectors = new ArrayList<>();
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_ARRAY) {
          return context.reportInputMismatch(
              this,
              "embeddings[%d] must be an array of numbers, was %s",
              vectors.size(),
              describe(token, parser));
        }
        vectors.add(readVector(parser, context, scratch, "embeddings", vectors.size()));
      }
      return vectors;
    }
  }

  /** {@code embedding} of the legacy {@code /api/embeddings}: one vector. */
  static final class VectorDeserializer extends StdDeserializer<float[]> {
    private static final long serialVersionUID = 1L;

    VectorDeserializer() {
      super(float[].class);
    }

    @Override
    public float[] deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.isExpectedStartArrayToken()) {
        return context.reportInputMismatch(
            this,
            "embedding must be an array of numbers, was %s",
            describe(parser.currentToken(), parser));
      }
      return readVector(parser, context, new Scratch(), "embedding", -1);
    }
  }
}
