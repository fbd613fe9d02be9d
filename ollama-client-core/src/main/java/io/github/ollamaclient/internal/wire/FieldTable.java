package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one object type Ollama sends, and the two ways of walking such an object: Jackson's
 * tokens, and a line's bytes for the fast path. Both look every member up here, so they cannot
 * disagree on which fields exist. Unknown members are skipped by Jackson (Ollama adds fields often)
 * and make the fast path decline the line.
 *
 * @param <P> the parts object the fields are gathered in
 */
final class FieldTable<P> {
  private final Class<?> type;
  private final Map<String, Field<? super P>> byName = new LinkedHashMap<>();

  /**
   * The fast path's index of names: for each first byte, up to {@link #SLOTS} names of at most 16
   * bytes (with their closing quote) as masked little-endian words in flat arrays, the rest in
   * {@link #others}. Matching a name then loads a few array elements, not a chain of objects
   * (field, name, words); in a decoder-only harness that took about 5 of some 130 ns per chat chunk
   * off (benchmarks/notes.md, sixth round).
   */
  private static final int SLOTS = 2;

  private final long[] firstWords = new long[128 * SLOTS];
  private final long[] firstMasks = new long[128 * SLOTS];
  private final long[] secondWords = new long[128 * SLOTS];
  private final long[] secondMasks = new long[128 * SLOTS];

  /** A slot's name length with its quote; 0 for an empty slot. */
  private final int[] lengths = new int[128 * SLOTS];

  private final Field<?>[] slotFields = new Field<?>[128 * SLOTS];

  /** Per first byte, the names that found no slot. */
  private final Field<?>[][] others = new Field<?>[128][];

  /**
   * @param type the type the object becomes, for Jackson's error messages
   * @param fields its fields; a later one of the same name replaces an earlier
   */
  @SafeVarargs
  FieldTable(Class<?> type, List<? extends Field<? super P>>... fields) {
    this.type = type;
    for (List<? extends Field<? super P>> group : fields) {
      for (Field<? super P> field : group) {
        byName.put(field.name, field);
      }
    }
    // In the tables' order, so that the usual fields are tried first.
    Map<Integer, List<Field<? super P>>> grouped = new HashMap<>();
    for (Field<? super P> field : byName.values()) {
      char first = field.name.charAt(0);
      if (first >= 128) {
        throw new IllegalArgumentException("field names are ASCII: " + field.name);
      }
      grouped.computeIfAbsent((int) first, k -> new ArrayList<>()).add(field);
    }
    grouped.forEach(this::index);
  }

  private void index(int first, List<Field<? super P>> group) {
    List<Field<?>> rest = new ArrayList<>();
    int slot = first * SLOTS;
    for (Field<? super P> field : group) {
      JsonBytes.Expected name = field.quotedName;
      if (slot < (first + 1) * SLOTS && name.length <= 16) {
        firstWords[slot] = name.first;
        firstMasks[slot] = name.firstMask;
        secondWords[slot] = name.second;
        secondMasks[slot] = name.secondMask;
        lengths[slot] = name.length;
        slotFields[slot++] = field;
      } else {
        rest.add(field);
      }
    }
    if (!rest.isEmpty()) {
      others[first] = rest.toArray(new Field<?>[0]);
    }
  }

  /**
   * Reads an object's members with Jackson. The parser stands on the object's start or on its first
   * field name; it ends on the object's end.
   */
  void read(JsonParser parser, DeserializationContext context, P parts) throws IOException {
    for (JsonToken token = Tokens.enterObject(parser, context, type);
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      Field<? super P> field = byName.get(parser.currentName());
      parser.nextToken();
      if (field == null) {
        parser.skipChildren();
      } else {
        field.read(parser, context, parts);
      }
    }
  }

  /**
   * Reads an object's members from the line's bytes, its opening brace consumed, up to and with its
   * closing brace. False declines the line: an unknown or escaped name, a field only Jackson reads,
   * a value of an unusual shape, anything malformed.
   *
   * @param recording notes where each value lay, for {@link Template}; null when not wanted
   */
  boolean read(JsonBytes in, P parts, Template.Recording recording) {
    int c = in.next();
    while (c == '"') {
      Field<? super P> field = match(in);
      if (field == null || in.next() != ':') {
        return false;
      }
      int from = in.position();
      if (!field.read(in, parts, recording)) {
        return false;
      }
      if (recording != null) {
        recording.member(field, parts, from, in.position());
      }
      c = in.nextMember();
    }
    return c == '}';
  }

  /** The field whose name (and closing quote) stands at the reader's position, consumed. */
  @SuppressWarnings("unchecked") // the index holds this table's fields only
  private Field<? super P> match(JsonBytes in) {
    int first = in.peek();
    if (first < 0 || first >= 128) {
      return null;
    }
    for (int slot = first * SLOTS, last = slot + SLOTS; slot < last && lengths[slot] != 0; slot++) {
      int taken =
          in.take(
              firstWords[slot],
              firstMasks[slot],
              secondWords[slot],
              secondMasks[slot],
              lengths[slot]);
      if (taken > 0 || (taken < 0 && in.take(slotFields[slot].quotedName))) {
        return (Field<? super P>) slotFields[slot];
      }
    }
    Field<?>[] rest = others[first];
    if (rest != null) {
      for (Field<?> field : rest) {
        if (in.take(field.quotedName)) {
          return (Field<? super P>) field;
        }
      }
    }
    return null;
  }
}
