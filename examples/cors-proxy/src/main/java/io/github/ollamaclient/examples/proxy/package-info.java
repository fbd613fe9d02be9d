/**
 * A Spring Boot service that lets web pages on configured origins ask Ollama through the SDK:
 * {@code POST /ask-llm} and a read-and-generate subset of Ollama's API, with CORS, a body limit and
 * errors in words.
 */
package io.github.ollamaclient.examples.proxy;
