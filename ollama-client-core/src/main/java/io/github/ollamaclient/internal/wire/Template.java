package io.github.ollamaclient.internal.wire;

import java.util.Arrays;

/**
 * A stream's usual line, learned from the {@link FieldTable}'s own reading of two lines in a row:
 * the bytes that both lines share (names, punctuation, and values that did not change, such as the
 * model and the role) become fixed text, and only the values that changed (the token, the time) are
 * read. A chat chunk then costs three comparisons of fixed text and two values instead of six name
 * look-ups and six values (benchmarks/notes.md, seventh round).
 *
 * <p>Why this reads exactly what the table would: the template is the last line the table read
 * ({@code B}), and the parts still hold what the table stored for {@code B}, since a template
 * neither clears them nor opens child objects. A line that matches the template is {@code B}'s
 * bytes with other values in the holes, so reading it through the table would store the same values
 * as for {@code B} except in the holes, which the template reads through the holes' own fields into
 * the same parts. A line that does not match goes back to the table, which clears the parts and
 * learns again, so the parts never hold anything but {@code B} and its holes.
 */
final class Template {
  /** Lines with more values than this are read by the table alone; a chat chunk has five. */
  private static final int MAX_VALUES = 32;

  /** The fixed texts: before the first hole, between holes, and after the last. */
  private final byte[][] texts;

  private final Field<Object>[] holes;

  /** The parts each hole's field stores into, as the table passed them for line {@code B}. */
  private final Object[] targets;

  private Template(byte[][] texts, Field<Object>[] holes, Object[] targets) {
    this.texts = texts;
    this.holes = holes;
    this.targets = targets;
  }

  /**
   * Reads {@code bytes[start, end)} into the parts the template was learned with; false when the
   * line does not match it (the parts are then undefined and the table must read the line).
   */
  boolean read(JsonBytes in, byte[] bytes, int start, int end) {
    in.reset(bytes, start, end);
    for (int i = 0; i < holes.length; i++) {
      if (!in.take(texts[i], texts[i].length) || !holes[i].read(in, targets[i], null)) {
        return false;
      }
    }
    byte[] last = texts[holes.length];
    return in.take(last, last.length) && in.atEnd();
  }

  /**
   * The template of line {@code b} when line {@code a} has the same fields in the same order with
   * the same bytes between their values; null otherwise. A value that is byte for byte the same in
   * both becomes fixed text; should it change later, that line goes back to the table, which learns
   * again.
   */
  @SuppressWarnings("unchecked") // a recording's fields were read into the targets beside them
  static Template learn(Recording a, Recording b) {
    int count = b.count;
    if (!a.usable || !b.usable || a.count != count) {
      return null;
    }
    for (int i = 0; i < count; i++) {
      if (a.fields[i] != b.fields[i]
          || !sameBytes(
              a, i == 0 ? 0 : a.ends[i - 1], a.starts[i], b, i == 0 ? 0 : b.ends[i - 1])) {
        return null;
      }
    }
    int tail = count == 0 ? 0 : b.ends[count - 1];
    int tailA = count == 0 ? 0 : a.ends[count - 1];
    if (a.length - tailA != b.length - tail || !sameBytes(a, tailA, a.length, b, tail)) {
      return null;
    }
    int holes = 0;
    boolean[] changed = new boolean[count];
    for (int i = 0; i < count; i++) {
      changed[i] =
          a.ends[i] - a.starts[i] != b.ends[i] - b.starts[i]
              || !sameBytes(a, a.starts[i], a.ends[i], b, b.starts[i]);
      holes += changed[i] ? 1 : 0;
    }
    byte[][] texts = new byte[holes + 1][];
    Field<Object>[] fields = (Field<Object>[]) new Field<?>[holes];
    Object[] targets = new Object[holes];
    int hole = 0;
    int textStart = 0;
    for (int i = 0; i < count; i++) {
      if (changed[i]) {
        texts[hole] = Arrays.copyOfRange(b.line, textStart, b.starts[i]);
        fields[hole] = b.fields[i];
        targets[hole++] = b.targets[i];
        textStart = b.ends[i];
      }
    }
    texts[holes] = Arrays.copyOfRange(b.line, textStart, b.length);
    return new Template(texts, fields, targets);
  }

  /** Whether {@code a.line[from, to)} equals {@code b.line} from {@code bFrom} on. */
  private static boolean sameBytes(Recording a, int from, int to, Recording b, int bFrom) {
    int length = to - from;
    return bFrom + length <= b.length
        && Arrays.equals(a.line, from, to, b.line, bFrom, bFrom + length);
  }

  /** What the table read on one line: the line, and each value's field, parts and place in it. */
  static final class Recording {
    private byte[] line = new byte[256];
    private int length;
    private int base;
    private int count;

    /** False when the line had too many values or was not read to its end. */
    private boolean usable;

    @SuppressWarnings("unchecked") // filled by value(), which takes any field with its parts
    private final Field<Object>[] fields = (Field<Object>[]) new Field<?>[MAX_VALUES];

    private final Object[] targets = new Object[MAX_VALUES];

    /** Every member read, objects included, to tell a line where one comes twice. */
    private final Field<?>[] seen = new Field<?>[MAX_VALUES];

    private int members;
    private final int[] starts = new int[MAX_VALUES];
    private final int[] ends = new int[MAX_VALUES];

    /** Starts recording the line {@code bytes[start, end)}. */
    void begin(byte[] bytes, int start, int end) {
      length = end - start;
      if (line.length < length) {
        line = new byte[Math.max(length, line.length * 2)];
      }
      System.arraycopy(bytes, start, line, 0, length);
      base = start;
      count = 0;
      members = 0;
      usable = true;
    }

    /**
     * Notes that {@code field} read its value from {@code [from, to)} of the array into parts. An
     * object's own members were noted before it, and only they count as values: the object's braces
     * are fixed text. A member that comes twice (a later one replaces an earlier, a second object
     * clears the first's fields) makes the line unusable, since a hole in the earlier one would
     * then overwrite what the later one left.
     */
    @SuppressWarnings("unchecked") // kept beside the parts it was read into
    void member(Field<?> field, Object parts, int from, int to) {
      if (!usable) {
        return;
      }
      for (int i = 0; i < members; i++) {
        if (seen[i] == field) {
          usable = false;
          return;
        }
      }
      if (members == MAX_VALUES) {
        usable = false;
        return;
      }
      seen[members++] = field;
      if (!field.isValue()) {
        return;
      }
      fields[count] = (Field<Object>) field;
      targets[count] = parts;
      starts[count] = from - base;
      ends[count++] = to - base;
    }

    /** Forgets the line, so that no template is learned from it. */
    void forget() {
      usable = false;
    }
  }
}
