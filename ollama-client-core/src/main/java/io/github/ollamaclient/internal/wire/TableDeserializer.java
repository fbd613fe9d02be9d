package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Jackson's route for a type with a {@link FieldTable}: fields read straight from the parser into
 * fresh parts, then the record made. Reading the tokens directly avoids the argument buffers of
 * {@code @JsonCreator} binding, which a stream would pay for on every chunk.
 *
 * @param <P> the parts
 * @param <T> the record
 */
abstract class TableDeserializer<P extends Parts<T>, T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final transient FieldTable<P> table;
  private final transient Supplier<P> parts;

  TableDeserializer(Class<T> type, FieldTable<P> table, Supplier<P> parts) {
    super(type);
    this.table = table;
    this.parts = parts;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    P read = parts.get();
    table.read(parser, context, read);
    return read.build();
  }
}
