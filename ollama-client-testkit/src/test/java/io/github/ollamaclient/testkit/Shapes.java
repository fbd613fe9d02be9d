package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Compares a response with one of Ollama's documented example payloads, field by field. */
final class Shapes {
  private Shapes() {}

  /** Every field of {@code example} is in {@code actual} with the same JSON type, recursively. */
  static void assertSameShape(JsonNode actual, String example) {
    assertSameShape(actual, Http.json(example), "$");
  }

  private static void assertSameShape(JsonNode actual, JsonNode example, String where) {
    for (Map.Entry<String, JsonNode> field : example.properties()) {
      String path = where + "." + field.getKey();
      JsonNode expected = field.getValue();
      if (expected.isNull()) {
        continue;
      }
      assertThat(actual.has(field.getKey())).as("field %s in %s", path, actual).isTrue();
      JsonNode value = actual.get(field.getKey());
      assertThat(value.getNodeType()).as("type of %s", path).isEqualTo(expected.getNodeType());
      if (expected.isObject()) {
        assertSameShape(value, expected, path);
      } else if (expected.isArray() && expected.size() > 0 && value.size() > 0) {
        if (expected.get(0).isObject()) {
          assertSameShape(value.get(0), expected.get(0), path + "[0]");
        } else {
          assertThat(value.get(0).isNumber()).isEqualTo(expected.get(0).isNumber());
        }
      }
    }
  }
}
