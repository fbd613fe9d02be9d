package io.github.ollamaclient.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.inference.Format;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ---- supported kinds ----

  record Scalars(
      String text,
      CharSequence chars,
      char letter,
      Character boxedLetter,
      boolean flag,
      Boolean boxedFlag,
      byte tiny,
      short small,
      int count,
      Integer boxedCount,
      long big,
      Long boxedBig,
      BigInteger huge,
      float ratio,
      Double boxedRatio,
      double exact,
      BigDecimal money) {}

  @Test
  void describesStringsBooleansIntegersAndNumbers() {
    assertThat(JsonSchemas.of(Scalars.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "text": {"type": "string"},
                    "chars": {"type": "string"},
                    "letter": {"type": "string"},
                    "boxedLetter": {"type": "string"},
                    "flag": {"type": "boolean"},
                    "boxedFlag": {"type": "boolean"},
                    "tiny": {"type": "integer"},
                    "small": {"type": "integer"},
                    "count": {"type": "integer"},
                    "boxedCount": {"type": "integer"},
                    "big": {"type": "integer"},
                    "boxedBig": {"type": "integer"},
                    "huge": {"type": "integer"},
                    "ratio": {"type": "number"},
                    "boxedRatio": {"type": "number"},
                    "exact": {"type": "number"},
                    "money": {"type": "number"}
                  },
                  "required": ["text", "chars", "letter", "boxedLetter", "flag", "boxedFlag",
                    "tiny", "small", "count", "boxedCount", "big", "boxedBig", "huge", "ratio",
                    "boxedRatio", "exact", "money"]
                }
                """));
  }

  record Zebra(String zeta, int alpha, String middle) {}

  @Test
  void keepsTheRecordsComponentOrder() {
    ObjectNode schema = JsonSchemas.of(Zebra.class);

    assertThat(fieldNames(schema.get("properties"))).containsExactly("zeta", "alpha", "middle");
    assertThat(schema.get("required"))
        .isEqualTo(MockOllama.json("[\"zeta\", \"alpha\", \"middle\"]"));
  }

  enum Size {
    SMALL,
    LARGE
  }

  enum Shade {
    @JsonProperty("light-blue")
    LIGHT,
    @JsonProperty("dark-blue")
    DARK
  }

  enum Grade {
    PASS("P"),
    FAIL("F");

    private final String code;

    Grade(String code) {
      this.code = code;
    }

    @JsonValue
    String code() {
      return code;
    }
  }

  enum Level {
    LOW(1),
    HIGH(9);

    private final int value;

    Level(int value) {
      this.value = value;
    }

    @JsonValue
    int value() {
      return value;
    }
  }

  record Enums(Size size, Shade shade, Grade grade, Level level) {}

  @Test
  void describesEnumsByTheNamesJacksonReads() {
    assertThat(JsonSchemas.of(Enums.class).get("properties"))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "size": {"type": "string", "enum": ["SMALL", "LARGE"]},
                  "shade": {"type": "string", "enum": ["light-blue", "dark-blue"]},
                  "grade": {"type": "string", "enum": ["P", "F"]},
                  "level": {"type": "integer", "enum": [1, 9]}
                }
                """));
  }

  record Collections(
      List<String> tags,
      Set<Integer> ids,
      Collection<Double> values,
      String[] names,
      int[][] grid,
      char[] letters) {}

  @Test
  void describesArraysAndCollectionsWithTheirItems() {
    assertThat(JsonSchemas.of(Collections.class).get("properties"))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "tags": {"type": "array", "items": {"type": "string"}},
                  "ids": {"type": "array", "items": {"type": "integer"}},
                  "values": {"type": "array", "items": {"type": "number"}},
                  "names": {"type": "array", "items": {"type": "string"}},
                  "grid": {"type": "array",
                           "items": {"type": "array", "items": {"type": "integer"}}},
                  "letters": {"type": "string"}
                }
                """));
  }

  record Scores(Map<String, Integer> byName, Map<String, List<Size>> sizes) {}

  @Test
  void describesStringKeyedMapsWithAdditionalProperties() {
    assertThat(JsonSchemas.of(Scores.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "byName": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "sizes": {"type": "object", "additionalProperties":
                      {"type": "array", "items": {"type": "string", "enum": ["SMALL", "LARGE"]}}}
                  },
                  "required": ["byName", "sizes"]
                }
                """));
  }

  record Person(String name, Optional<Integer> age, Optional<List<String>> nicknames) {}

  @Test
  void optionalPropertiesAreDescribedByTheirValueAndNotRequired() {
    assertThat(JsonSchemas.of(Person.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "age": {"type": "integer"},
                    "nicknames": {"type": "array", "items": {"type": "string"}}
                  },
                  "required": ["name"]
                }
                """));
  }

  record Maybe(Optional<String> note) {}

  @Test
  void onlyOptionalPropertiesLeaveOutRequired() {
    assertThat(JsonSchemas.of(Maybe.class))
        .isEqualTo(
            MockOllama.json(
                """
                {"type": "object", "properties": {"note": {"type": "string"}}}
                """));
  }

  record Address(String city, String country) {}

  record Line(String product, int quantity) {}

  record Order(Address shipTo, List<Line> lines, Address billTo) {}

  @Test
  void describesNestedTypesInPlaceEachTimeTheyAppear() {
    assertThat(JsonSchemas.of(Order.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "shipTo": {"type": "object",
                      "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                      "required": ["city", "country"]},
                    "lines": {"type": "array", "items": {"type": "object",
                      "properties": {"product": {"type": "string"}, "quantity": {"type": "integer"}},
                      "required": ["product", "quantity"]}},
                    "billTo": {"type": "object",
                      "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                      "required": ["city", "country"]}
                  },
                  "required": ["shipTo", "lines", "billTo"]
                }
                """));
  }

  record Times(
      LocalDate day,
      LocalTime time,
      LocalDateTime local,
      OffsetDateTime offset,
      ZonedDateTime zoned,
      Instant instant,
      Duration length,
      UUID id,
      URI link) {}

  @Test
  void describesTimesUuidsAndUrisAsFormattedStrings() {
    assertThat(JsonSchemas.of(Times.class).get("properties"))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "day": {"type": "string", "format": "date"},
                  "time": {"type": "string", "format": "time"},
                  "local": {"type": "string", "format": "date-time"},
                  "offset": {"type": "string", "format": "date-time"},
                  "zoned": {"type": "string", "format": "date-time"},
                  "instant": {"type": "string", "format": "date-time"},
                  "length": {"type": "string", "format": "duration"},
                  "id": {"type": "string", "format": "uuid"},
                  "link": {"type": "string", "format": "uri"}
                }
                """));
  }

  @JsonClassDescription("A city on the map")
  record City(String name) {}

  record Trip(
      @JsonProperty("full_name") @JsonPropertyDescription("the traveller's name") String fullName,
      City from,
      @JsonPropertyDescription("where the trip ends") City to) {}

  @Test
  void honoursRenamesAndDescriptions() {
    assertThat(JsonSchemas.of(Trip.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "full_name": {"type": "string", "description": "the traveller's name"},
                    "from": {"type": "object", "description": "A city on the map",
                      "properties": {"name": {"type": "string"}}, "required": ["name"]},
                    "to": {"type": "object", "description": "where the trip ends",
                      "properties": {"name": {"type": "string"}}, "required": ["name"]}
                  },
                  "required": ["full_name", "from", "to"]
                }
                """));
  }

  static class Base {
    public String id;
  }

  static class Bean extends Base {
    public static String ignoredStatic = "x";
    public transient String ignoredTransient;
    public String title;
    private int pages;
    private final List<String> authors = new ArrayList<>();
    @JsonIgnore public String internal;

    @JsonProperty("page_count")
    @JsonPropertyDescription("how many pages")
    public void setPages(int pages) {
      this.pages = pages;
    }

    public int getPages() {
      return pages;
    }

    public List<String> getAuthors() {
      return authors;
    }
  }

  @Test
  void describesClassesByThePropertiesJacksonSets() {
    // Jackson's order: inherited fields first, then this class's, a renamed property last.
    assertThat(JsonSchemas.of(Bean.class))
        .isEqualTo(
            MockOllama.json(
                """
                {
                  "type": "object",
                  "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "page_count": {"type": "integer", "description": "how many pages"},
                    "authors": {"type": "array", "items": {"type": "string"}}
                  },
                  "required": ["id", "title", "authors", "page_count"]
                }
                """));
  }

  @Test
  void describesTopLevelNonObjectTypes() {
    assertThat(JsonSchemas.of(String[].class))
        .isEqualTo(MockOllama.json("{\"type\": \"array\", \"items\": {\"type\": \"string\"}}"));
    assertThat(JsonSchemas.of(Size.class))
        .isEqualTo(MockOllama.json("{\"type\": \"string\", \"enum\": [\"SMALL\", \"LARGE\"]}"));
  }

  @Test
  void returnsAFreshCopyEachTime() {
    ObjectNode first = JsonSchemas.of(Address.class);
    first.put("type", "changed");
    ((ObjectNode) first.get("properties")).remove("city");

    ObjectNode second = JsonSchemas.of(Address.class);

    assertThat(second.get("type").asText()).isEqualTo("object");
    assertThat(fieldNames(second.get("properties"))).containsExactly("city", "country");
  }

  @Test
  void isSafeToCallFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<ObjectNode>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> JsonSchemas.of(Times.class));
      }
      ObjectNode expected = JsonSchemas.of(Times.class);
      for (Future<ObjectNode> result : pool.invokeAll(calls)) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void formatOfSendsTheTypesSchema() {
    assertThat(Format.of(Address.class).schema()).contains(JsonSchemas.of(Address.class));
  }

  // ---- rejected kinds ----

  record Holder(String name, Object value) {}

  @Test
  void rejectsObjectNamingThePath() {
    assertThatThrownBy(() -> JsonSchemas.of(Holder.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot write a JSON Schema for Holder.value (java.lang.Object)")
        .hasMessageContaining("no fixed shape");
  }

  @SuppressWarnings("rawtypes")
  record RawHolder(List items) {}

  @Test
  void rejectsARawCollectionAtItsElements() {
    assertThatThrownBy(() -> JsonSchemas.of(RawHolder.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RawHolder.items[] (java.lang.Object)")
        .hasMessageContaining("without type arguments");
  }

  @Test
  void rejectsARawCollectionAtTheTop() {
    assertThatThrownBy(() -> JsonSchemas.of(List.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("List[] (java.lang.Object)");
  }

  record Keyed(Map<Integer, String> byId) {}

  @Test
  void rejectsMapsWithoutStringKeys() {
    assertThatThrownBy(() -> JsonSchemas.of(Keyed.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Keyed.byId (java.util.Map<java.lang.Integer,java.lang.String>)")
        .hasMessageContaining("map keys must be String")
        .hasMessageEndingWith("was java.lang.Integer");
  }

  record Node(String name, List<Node> children) {}

  @Test
  void rejectsARecursiveTypeNamingTypeAndPath() {
    assertThatThrownBy(() -> JsonSchemas.of(Node.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Node.children[] (" + Node.class.getName() + ")")
        .hasMessageContaining("Node contains itself");
  }

  record Employee(String name, Team team) {}

  record Team(String name, Optional<Employee> lead) {}

  @Test
  void rejectsIndirectRecursion() {
    assertThatThrownBy(() -> JsonSchemas.of(Employee.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Employee.team.lead (" + Employee.class.getName() + ")")
        .hasMessageContaining("Employee contains itself");
  }

  interface Animal {
    String name();
  }

  record Zoo(List<Animal> animals) {}

  @Test
  void rejectsInterfaces() {
    assertThatThrownBy(() -> JsonSchemas.of(Zoo.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Zoo.animals[] (" + Animal.class.getName() + ")")
        .hasMessageContaining("interface or abstract class");
  }

  record Nested(List<Optional<String>> values) {}

  @Test
  void rejectsOptionalOutsideAProperty() {
    assertThatThrownBy(() -> JsonSchemas.of(Nested.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Nested.values[] (java.util.Optional<java.lang.String>)")
        .hasMessageContaining("only as the type of a property");
  }

  record Blob(byte[] data) {}

  @Test
  void rejectsByteArrays() {
    assertThatThrownBy(() -> JsonSchemas.of(Blob.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Blob.data (byte[])")
        .hasMessageContaining("base64");
  }

  record Legacy(Date when) {}

  @Test
  void rejectsOtherJdkTypes() {
    assertThatThrownBy(() -> JsonSchemas.of(Legacy.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Legacy.when (java.util.Date)")
        .hasMessageContaining("JDK type is not supported");
  }

  static final class Closed {
    private final String secret;

    Closed(String secret) {
      this.secret = secret;
    }

    @Override
    public String toString() {
      return secret;
    }
  }

  record Outer(String id, Closed closed) {}

  @Test
  void rejectsClassesWithoutSettableProperties() {
    assertThatThrownBy(() -> JsonSchemas.of(Outer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Outer.closed (" + Closed.class.getName() + ")")
        .hasMessageContaining("no properties Jackson can set");
  }

  record Deep(Inner inner) {}

  record Inner(Map<String, List<Object>> data) {}

  @Test
  void namesTheFullPathThroughMapsAndLists() {
    assertThatThrownBy(() -> JsonSchemas.of(Deep.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "cannot write a JSON Schema for Deep.inner.data{}[] (java.lang.Object)");
  }

  @Test
  void aRejectedTypeIsRejectedAgainOnTheNextCall() {
    assertThatThrownBy(() -> JsonSchemas.of(Node.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonSchemas.of(Node.class))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
