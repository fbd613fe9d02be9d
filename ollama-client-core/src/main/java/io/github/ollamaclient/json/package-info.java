/**
 * The JSON conventions every layer shares: the mapper configuration, the caller's-types mapper,
 * Ollama's timestamps and nanosecond durations, previews of text for error messages. A leaf: it
 * uses no package of the client but the exceptions, so the API records may use it without a cycle.
 * Not part of the public API: the module does not export it, and it may change in any release. It
 * sits below the API packages, while {@code internal} (the transport) sits above them.
 */
package io.github.ollamaclient.json;
