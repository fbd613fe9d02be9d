package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.module.SimpleModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One table, two routes: a field declared once is read by Jackson and by the fast path alike,
 * whatever its name looks like (short, long, sharing its first letter with many others).
 */
class FieldTableTest {
  /** Every value read, as "name=value", in order. */
  static final class Seen implements Parts<List<String>> {
    final List<String> values = new ArrayList<>();

    @Override
    public void clear() {
      values.clear();
    }

    @Override
    public List<String> build() {
      return List.copyOf(values);
    }
  }

  private static Field<Seen> string(String name) {
    return Field.string(name, (seen, value) -> seen.values.add(name + "=" + value));
  }

  /** Names of every shape the index has a place for: slots, overflow, longer than 16 bytes. */
  private static final FieldTable<Seen> TABLE =
      new FieldTable<>(
          List.class,
          List.of(
              string("a"),
              string("ab"),
              string("abc"), // a third name on 'a': past the slots
              string("exactly_fifteen"), // 16 bytes with its quote: the last that fits two words
              string("a_name_longer_than_sixteen_bytes"),
              Field.bool("done", (seen, value) -> seen.values.add("done=" + value)),
              Field.tokens(
                  "count",
                  (parser, context, seen) ->
                      seen.values.add("count=" + Tokens.intValue(parser, context)))));

  private static List<String> fast(String line) {
    // Inside a larger array, as in okio's segments, and alone in one of its own size.
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[bytes.length + 40];
    System.arraycopy(bytes, 0, padded, 20, bytes.length);
    FastPath<Seen, List<String>> path = new FastPath<>(TABLE, new Seen());
    List<String> inPadded = path.decode(padded, 20, 20 + bytes.length);
    List<String> alone = path.decode(bytes, 0, bytes.length);
    assertThat(alone).as("alone in its array: %s", line).isEqualTo(inPadded);
    return inPadded;
  }

  private static List<String> jackson(String line) throws Exception {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<List<String>> type = (Class) List.class;
    SimpleModule module = new SimpleModule();
    module.addDeserializer(
        type,
        new TableDeserializer<Seen, List<String>>(type, TABLE, Seen::new) {
          private static final long serialVersionUID = 1L;
        });
    return WireJson.MAPPER.copy().registerModule(module).readValue(line, type);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"1\",\"ab\":\"2\",\"abc\":\"3\"}",
        "{\"abc\":\"3\",\"ab\":\"2\",\"a\":\"1\"}",
        "{\"exactly_fifteen\":\"x\",\"a_name_longer_than_sixteen_bytes\":\"y\",\"done\":true}",
        "{\"a\":\"1\",\"a\":\"2\"}",
        "{}"
      })
  void readsEveryNameAsJacksonDoes(String line) throws Exception {
    assertThat(fast(line)).isNotNull().isEqualTo(jackson(line));
  }

  @Test
  void readsTheValuesDeclared() throws Exception {
    String line = "{\"ab\":\"x\",\"a_name_longer_than_sixteen_bytes\":\"y\",\"done\":false}";

    assertThat(fast(line))
        .containsExactly("ab=x", "a_name_longer_than_sixteen_bytes=y", "done=false");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"count\":3}", // declared, but only Jackson reads numbers
        "{\"abcd\":\"1\"}", // unknown, sharing a prefix with known names
        "{\"exactly_fifteeN\":\"1\"}",
        "{\"a_name_longer_than_sixteen_byteS\":\"1\"}",
        "{\"\\u0061\":\"1\"}", // a known name, escaped
        "{\"a\":1}",
        "{\"a\":\"1\",}"
      })
  void declinesWhatItDoesNotFullyKnow(String line) {
    assertThat(fast(line)).isNull();
  }

  @Test
  void jacksonSkipsUnknownFieldsAndReadsTheOnesOnlyItReads() throws Exception {
    assertThat(jackson("{\"abcd\":[1,{}],\"count\":3,\"a\":\"1\"}"))
        .containsExactly("count=3", "a=1");
  }
}
