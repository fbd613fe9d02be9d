/**
 * The JSON conventions every layer shares: the mapper configuration, the caller's-types mapper,
 * Ollama's timestamps and nanosecond durations, previews of text for error messages. A leaf: it
 * uses no package of the client but the exceptions, so the API records may use it without a cycle.
 * Not part of the public API.
 */
package io.github.ollamaclient.internal.json;
