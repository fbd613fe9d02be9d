// Recipe: thinking. A thinking model reasons before it answers; with think on, the reasoning
// comes apart from the answer (message().thinking(), not content()). Streamed: thinking first.
//
// Needs a thinking model, such as qwen3:8b (the compose default cannot think):
//   docker compose exec ollama ollama pull qwen3:8b
// Run, from the repository root:
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Thinking
// Another model: add -Dexec.args=deepseek-r1:8b; another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.PrintStream;

public final class Thinking {
  static final String DEFAULT_MODEL = "qwen3:8b";

  public static void main(String[] args) {
    String model =
        args.length > 0 ? args[0] : System.getenv().getOrDefault("OLLAMA_MODEL", DEFAULT_MODEL);
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, System.out);
    }
  }

  static void run(OllamaClient client, String model, PrintStream out) {
    ChatRequest request =
        ChatRequest.builder(model)
            .message(Message.user("How many r's are in the word strawberry?"))
            .think(Think.ENABLED) // or a level: Think.LOW, Think.HIGH (gpt-oss)
            .build();
    try (ResponseStream<ChatResponse> stream = client.chatStream(request)) {
      String section = "";
      for (ChatResponse chunk : stream) {
        Message message = chunk.message();
        if (message.thinking().isPresent() && !message.thinking().get().isEmpty()) {
          section = print(out, section, "Thinking:", message.thinking().get());
        }
        if (!message.content().isEmpty()) {
          section = print(out, section, "Answer:", message.content());
        }
      }
      out.println();
    }
  }

  /** Prints text under its heading, writing the heading when the section changes. */
  private static String print(PrintStream out, String section, String heading, String text) {
    if (!section.equals(heading)) {
      out.print((section.isEmpty() ? "" : "\n\n") + heading + "\n");
    }
    out.print(text);
    out.flush();
    return heading;
  }

  private Thinking() {}
}
