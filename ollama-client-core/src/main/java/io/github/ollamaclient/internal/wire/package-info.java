/**
 * The wire formats of Ollama's answers, each in one place: which fields an object has, how Jackson
 * reads them, and the byte-level routes where a benchmark showed Jackson too slow (a stream's
 * per-token chunks). Not public API: it may change in any release.
 *
 * <p>A new field of Ollama's goes into the {@code FieldTable} of its object ({@link
 * io.github.ollamaclient.internal.wire.ChatWire}, {@link
 * io.github.ollamaclient.internal.wire.GenerateWire}); both routes then read it. See {@code
 * docs/architecture.md}.
 */
package io.github.ollamaclient.internal.wire;
