package io.github.ollamaclient.internal.wire;

/**
 * The fields of one object as they are read, before the record is made. The fast path reuses one
 * per stream, clearing it for each line; Jackson makes one per object.
 *
 * @param <T> the record the parts make
 */
interface Parts<T> {
  /** Forgets every field read so far. */
  void clear();

  /** The record from the fields read; absent fields get the record's defaults. */
  T build();
}
