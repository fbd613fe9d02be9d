package io.github.ollamaclient.internal.wire;

/**
 * The byte-level route for the per-token chunks of chat and generate streams, {@code {"model": ...,
 * "created_at": ..., <the token's fields>, "done": false}}: the line's members are looked up in the
 * same {@link FieldTable} Jackson uses and read straight from its bytes, where a general parser
 * cost about 75% more time per stream (benchmarks/notes.md). Once two lines in a row read alike,
 * the next ones are first tried against their {@link Template}, which reads only the values that
 * change. Any line it does not fully understand (a field only Jackson reads, an unknown field, an
 * error object, malformed UTF-8) is declined and goes through Jackson, which decides it; tests hold
 * the routes to the same answers.
 *
 * @param <P> the parts, reused from line to line
 * @param <T> the chunk type
 */
final class FastPath<P extends Parts<T>, T> implements LineDecoder<T> {
  private final JsonBytes in = new JsonBytes();
  private final FieldTable<P> table;
  private final P parts;

  /** The last line the table read, and the one before, kept for learning the template. */
  private Template.Recording last = new Template.Recording();

  private Template.Recording spare = new Template.Recording();

  /** Valid only while the parts hold the table's reading of {@link #last}; null otherwise. */
  private Template template;

  /** Lines read by the template, for tests that must know it was used. */
  private long templateReads;

  FastPath(FieldTable<P> table, P parts) {
    this.table = table;
    this.parts = parts;
    last.forget();
  }

  @Override
  public T decode(byte[] bytes, int start, int end) {
    if (template != null && template.read(in, bytes, start, end)) {
      templateReads++;
      return parts.build();
    }
    Template.Recording recording = spare;
    recording.begin(bytes, start, end);
    in.reset(bytes, start, end);
    parts.clear();
    if (in.next() != '{' || !table.read(in, parts, recording) || !in.atEnd()) {
      // The parts now hold part of this line: no template may be applied to them.
      template = null;
      recording.forget();
      return null;
    }
    template = Template.learn(last, recording);
    spare = last;
    last = recording;
    return parts.build();
  }

  long templateReads() {
    return templateReads;
  }
}
