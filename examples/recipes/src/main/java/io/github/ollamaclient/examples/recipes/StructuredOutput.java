// Recipe: structured output into a record. The record's JSON Schema goes with the request
// (Format.of), the model must answer in it, and the answer is read back into the record.
//
// Run, from the repository root, with `docker compose up -d` running (it pulls the model below):
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=StructuredOutput
// Another model: add -Dexec.args=qwen3:8b (or set OLLAMA_MODEL); another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.Format;
import java.io.PrintStream;
import java.util.List;

public final class StructuredOutput {
  static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";

  /** What we want back: the model fills it in. */
  record Country(String name, String capital, List<String> languages, int population) {}

  public static void main(String[] args) {
    String model =
        args.length > 0 ? args[0] : System.getenv().getOrDefault("OLLAMA_MODEL", DEFAULT_MODEL);
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, System.out);
    }
  }

  static Country run(OllamaClient client, String model, PrintStream out) {
    ChatResponse reply =
        client.chat(
            ChatRequest.builder(model)
                .message(Message.user("Tell me about Canada."))
                .format(Format.of(Country.class)) // the JSON Schema derived from the record
                .build());
    Country country = reply.message().contentAs(Country.class);
    out.println("Name:       " + country.name());
    out.println("Capital:    " + country.capital());
    out.println("Languages:  " + String.join(", ", country.languages()));
    out.println("Population: " + country.population());
    return country;
  }

  private StructuredOutput() {}
}
