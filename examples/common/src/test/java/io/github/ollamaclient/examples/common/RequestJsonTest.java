package io.github.ollamaclient.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestJsonTest {
  private static final ObjectMapper TREES = new ObjectMapper();

  record Item(String name, BigInteger count) {
    @JsonCreator
    static Item fromJson(
        @JsonProperty("name") String name, @JsonProperty("count") BigInteger count) {
      if (name == null) {
        throw new InvalidRequestException("name", "is missing");
      }
      return new Item(name, count);
    }
  }

  record Order(
      @JsonProperty("items") List<Item> items,
      @JsonProperty("note") String note,
      @JsonProperty("stream") Boolean stream) {}

  private static Order read(String json) throws Exception {
    return RequestJson.read(TREES.readTree(json), Order.class);
  }

  @Test
  void readsAWholeNumberOfAnySizeExactly() throws Exception {
    Order order = read("{\"items\": [{\"name\": \"a\", \"count\": 18446744073709551716}]}");

    assertThat(order.items().get(0).count()).isEqualTo(new BigInteger("18446744073709551716"));
    assertThat(order.note()).isNull();
  }

  @Test
  void takesNullAsAbsent() throws Exception {
    assertThat(read("{\"note\": null, \"stream\": null}")).isEqualTo(new Order(null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count 1.5        | {"items": [{"name": "a", "count": 1.5}]}     | items[0].count must be a whole number
          count 1e2        | {"items": [{"name": "a", "count": 1e2}]}     | items[0].count must be a whole number
          count "10"       | {"items": [{"name": "a", "count": "10"}]}    | items[0].count must be a whole number
          count true       | {"items": [{"name": "a", "count": true}]}    | items[0].count must be a whole number
          name 5           | {"items": [{"name": 5}]}                     | items[0].name must be a string
          name 1.5         | {"items": [{"name": 1.5}]}                   | items[0].name must be a string
          name false       | {"items": [{"name": false}]}                 | items[0].name must be a string
          name an object   | {"items": [{"name": {}}]}                    | items[0].name must be a string
          stream "true"    | {"stream": "true"}                           | stream must be true or false
          stream 1         | {"stream": 1}                                | stream must be true or false
          items an object  | {"items": {}}                                | items must be an array
          item a number    | {"items": [1]}                               | items[0] must be an object
          creator's field  | {"items": [{"name": "a"}, {"count": 1}]}     | items[1].name is missing
          unknown at root  | {"notes": "x"}                               | unknown field "notes"; known fields: items, note, stream
          unknown nested   | {"items": [{"name": "a", "size": 1}]}        | unknown field "items[0].size"; known fields: count, name
          """)
  void refusesEveryMistakeNamingTheField(String what, String json, String message) {
    assertThatThrownBy(() -> read(json))
        .as(what)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void refusesWhatIsNotAnObject() throws Exception {
    for (String json : List.of("[]", "\"x\"", "null", "1")) {
      JsonNode tree = TREES.readTree(json);
      assertThatThrownBy(() -> RequestJson.read(tree, Order.class))
          .as(json)
          .hasMessage("body must be a JSON object");
    }
  }

  @Test
  void cutsAnUnknownFieldsNameShort() {
    String name = "x".repeat(5000);

    assertThatThrownBy(() -> read("{\"" + name + "\": 1}"))
        .isInstanceOf(InvalidRequestException.class)
        .message()
        .startsWith("unknown field \"xxx")
        .hasSizeLessThan(120);
  }
}
