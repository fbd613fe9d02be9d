/**
 * Structured outputs from Java types: {@link io.github.ollamaclient.schema.JsonSchemas#of(Class)}
 * writes the JSON Schema of a record or class, which {@link
 * io.github.ollamaclient.inference.Format#of(Class)} sends as {@code format}; the answer parses
 * back into the same type with {@code responseAs(type)}.
 *
 * <pre>{@code
 * record Weather(String city, double celsius, List<String> warnings) {}
 *
 * Weather weather = client.generate(GenerateRequest.builder("llama3.2")
 *         .prompt("The weather in Paris today, as JSON")
 *         .format(Format.of(Weather.class))
 *         .build())
 *     .responseAs(Weather.class);
 * }</pre>
 */
package io.github.ollamaclient.schema;
