/**
 * The Ollama client: {@link io.github.ollamaclient.OllamaClient} and the packages of its requests,
 * answers and failures. Only the API packages are exported; {@code internal} and its subpackages
 * are not, so code on the module path cannot come to depend on them.
 *
 * <p>Jackson and OkHttp are read transitively: the API shows {@code JsonNode} (tool arguments, JSON
 * schemas), Jackson's {@code Module} ({@code OllamaJson.module()}) and {@code OkHttpClient} (the
 * builder's {@code httpClient}). Every package is opened to Jackson alone, which reads and writes
 * the records, some through non-public creators. A caller's own types used for structured output or
 * tool arguments are read by Jackson too: open their package to {@code
 * com.fasterxml.jackson.databind}.
 */
module io.github.ollamaclient {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive okhttp3;
  requires org.slf4j;

  exports io.github.ollamaclient;
  exports io.github.ollamaclient.chat;
  exports io.github.ollamaclient.cloud;
  exports io.github.ollamaclient.embed;
  exports io.github.ollamaclient.error;
  exports io.github.ollamaclient.generate;
  exports io.github.ollamaclient.inference;
  exports io.github.ollamaclient.models;
  exports io.github.ollamaclient.observe;
  exports io.github.ollamaclient.retry;
  exports io.github.ollamaclient.schema;
  exports io.github.ollamaclient.stream;
  exports io.github.ollamaclient.web;

  opens io.github.ollamaclient to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.chat to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.cloud to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.embed to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.error to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.generate to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.inference to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.internal to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.check to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.json to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.internal.wire to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.models to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.observe to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.retry to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.schema to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.stream to
      com.fasterxml.jackson.databind;
  opens io.github.ollamaclient.web to
      com.fasterxml.jackson.databind;
}
