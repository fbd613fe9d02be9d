/**
 * What the example services (the CORS proxy, the schedule suggester) share: the bound on calls
 * running in Ollama at once, {@link io.github.ollamaclient.examples.common.OllamaSlots}.
 */
package io.github.ollamaclient.examples.common;
