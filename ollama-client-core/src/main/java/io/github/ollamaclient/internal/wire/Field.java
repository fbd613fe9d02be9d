package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One member of an object Ollama sends: its JSON name, how Jackson reads its value, and how the
 * byte-level fast path reads it, both into the same parts object {@code P}. A {@link FieldTable}
 * lists them; one entry serves both routes, so a new Ollama field is one entry in a table.
 *
 * <p>The kinds below pick both readers at once. A field whose kind has no byte reader ({@link
 * #tokens}: numbers, lists, trees) makes the fast path decline any line that carries it, and that
 * line goes through Jackson, exactly and a little slower.
 *
 * @param <P> the parts object the value is stored in
 */
final class Field<P> {
  /** Reads the value the parser stands on into the parts. */
  @FunctionalInterface
  interface TokenReader<P> {
    void read(JsonParser parser, DeserializationContext context, P parts) throws IOException;
  }

  final String name;

  /** The name with its closing quote, as the fast path matches it where it stands. */
  final JsonBytes.Expected quotedName;

  private final TokenReader<P> tokens;

  /**
   * How the fast path reads the value. A switch over the kinds rather than a reader object per
   * field: the readers of {@link JsonBytes} stay inlined into one loop.
   */
  private final Kind kind;

  /** Stores the fast path's value; null for objects and values only Jackson reads. */
  private final BiConsumer<P, Object> store;

  /** For a choice: the usual values as they stand after the opening quote, and theirs. */
  private final JsonBytes.Expected[] choices;

  private final Object[] choiceValues;

  /** For an object: readies the child parts inside the parent's. */
  private final Function<P, Object> open;

  private final FieldTable<Object> child;

  private enum Kind {
    STRING,
    REPEATED_STRING,
    INSTANT,
    BOOL,
    CHOICE,
    OBJECT,
    TOKENS
  }

  @SuppressWarnings("unchecked") // the kinds' factories pair each store and child with its value
  private Field(
      String name,
      TokenReader<P> tokens,
      Kind kind,
      BiConsumer<P, ?> store,
      JsonBytes.Expected[] choices,
      Object[] choiceValues,
      Function<P, ?> open,
      FieldTable<?> child) {
    this.name = name;
    this.quotedName = JsonBytes.Expected.quoted(name);
    this.tokens = tokens;
    this.kind = kind;
    this.store = (BiConsumer<P, Object>) store;
    this.choices = choices;
    this.choiceValues = choiceValues;
    this.open = (Function<P, Object>) open;
    this.child = (FieldTable<Object>) child;
  }

  /** Reads a value of one kind from the parser, as {@link Tokens} does. */
  @FunctionalInterface
  private interface TokenValue<V> {
    V read(JsonParser parser, DeserializationContext context) throws IOException;
  }

  private static <P, V> Field<P> scalar(
      String name, Kind kind, TokenValue<V> value, BiConsumer<P, V> store) {
    return new Field<>(
        name,
        (parser, context, parts) -> store.accept(parts, value.read(parser, context)),
        kind,
        store,
        null,
        null,
        null,
        null);
  }

  void read(JsonParser parser, DeserializationContext context, P parts) throws IOException {
    tokens.read(parser, context, parts);
  }

  /**
   * Reads the value after the colon from the line's bytes into the parts; false declines the line
   * (a value of an unusual shape, or a kind only Jackson reads).
   */
  boolean read(JsonBytes in, P parts, Template.Recording recording) {
    Object value;
    switch (kind) {
      case STRING:
        value = in.next() == '"' ? in.string() : null;
        break;
      case REPEATED_STRING:
        value = in.next() == '"' ? in.repeatedString() : null;
        break;
      case INSTANT:
        value = in.next() == '"' ? in.instant() : null;
        break;
      case BOOL:
        value = in.bool();
        break;
      case CHOICE:
        value = in.next() == '"' ? choice(in) : null;
        break;
      case OBJECT:
        return in.next() == '{' && child.read(in, open.apply(parts), recording);
      default:
        return false;
    }
    if (value == null) {
      return false;
    }
    store.accept(parts, value);
    return true;
  }

  /**
   * Whether the value is read whole by this field rather than member by member by a child table.
   */
  boolean isValue() {
    return kind != Kind.OBJECT;
  }

  private Object choice(JsonBytes in) {
    for (int i = 0; i < choices.length; i++) {
      if (in.take(choices[i])) {
        return choiceValues[i];
      }
    }
    return null;
  }

  /** A string; the fast path reads it when it is a string (not null, not a number). */
  static <P> Field<P> string(String name, BiConsumer<P, String> store) {
    return scalar(name, Kind.STRING, Tokens::string, store);
  }

  /**
   * A string that every chunk of a stream repeats, such as the model's name: the fast path matches
   * it against the last one and makes the string once.
   */
  static <P> Field<P> repeatedString(String name, BiConsumer<P, String> store) {
    return scalar(name, Kind.REPEATED_STRING, Tokens::string, store);
  }

  /** A timestamp, as {@link io.github.ollamaclient.internal.json.Json#instant(String)} reads it. */
  static <P> Field<P> instant(String name, BiConsumer<P, Instant> store) {
    return scalar(name, Kind.INSTANT, Tokens::instant, store);
  }

  /** A {@code boolean}; {@code null} reads as false, as a primitive creator parameter would. */
  static <P> Field<P> bool(String name, BiConsumer<P, Boolean> store) {
    return scalar(name, Kind.BOOL, Tokens::bool, store);
  }

  /**
   * A string with a few usual values, such as a role: the fast path matches those where they stand
   * and declines any other; Jackson reads any string and {@code convert} makes the value.
   */
  static <P, V> Field<P> choice(
      String name, Function<String, V> convert, BiConsumer<P, V> store, String... usual) {
    JsonBytes.Expected[] quoted = new JsonBytes.Expected[usual.length];
    Object[] values = new Object[usual.length];
    for (int i = 0; i < usual.length; i++) {
      quoted[i] = JsonBytes.Expected.quoted(usual[i]);
      values[i] = convert.apply(usual[i]);
    }
    return new Field<>(
        name,
        (parser, context, parts) ->
            store.accept(parts, convert.apply(Tokens.string(parser, context))),
        Kind.CHOICE,
        store,
        quoted,
        values,
        null,
        null);
  }

  /**
   * An object read by its own table into child parts that {@code open} readies (and marks present)
   * inside the parent's; {@code null} calls {@code absent}, and the fast path declines it.
   */
  static <P, C> Field<P> object(
      String name, FieldTable<C> table, Function<P, C> open, Consumer<P> absent) {
    return new Field<>(
        name,
        (parser, context, parts) -> {
          if (parser.currentToken() == JsonToken.VALUE_NULL) {
            absent.accept(parts);
          } else {
            table.read(parser, context, open.apply(parts));
          }
        },
        Kind.OBJECT,
        null,
        null,
        null,
        open,
        table);
  }

  /** A value only Jackson reads (a number, a list, a tree): the fast path declines the line. */
  static <P> Field<P> tokens(String name, TokenReader<P> reader) {
    return new Field<>(name, reader, Kind.TOKENS, null, null, null, null, null);
  }
}
