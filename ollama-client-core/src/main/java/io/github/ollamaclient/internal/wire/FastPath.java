package io.github.ollamaclient.internal.wire;

/**
 * The byte-level route for the per-token chunks of chat and generate streams, {@code {"model": ...,
 * "created_at": ..., <the token's fields>, "done": false}}: the line's members are looked up in the
 * same {@link FieldTable} Jackson uses and read straight from its bytes, where a general parser
 * cost about 75% more time per stream (benchmarks/notes.md). Any line it does not fully understand
 * (a field only Jackson reads, an unknown field, an error object, malformed UTF-8) is declined and
 * goes through Jackson, which decides it; tests hold the two routes to the same answers.
 *
 * @param <P> the parts, reused from line to line
 * @param <T> the chunk type
 */
final class FastPath<P extends Parts<T>, T> implements LineDecoder<T> {
  private final JsonBytes in = new JsonBytes();
  private final FieldTable<P> table;
  private final P parts;

  FastPath(FieldTable<P> table, P parts) {
    this.table = table;
    this.parts = parts;
  }

  @Override
  public T decode(byte[] bytes, int start, int end) {
    in.reset(bytes, start, end);
    parts.clear();
    if (in.next() != '{' || !table.read(in, parts) || !in.atEnd()) {
      return null;
    }
    return parts.build();
  }
}
