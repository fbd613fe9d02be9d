// Recipe: chat. One question, one answer: the smallest program that talks to Ollama.
//
// Run, from the repository root, with `docker compose up -d` running (it pulls the model below):
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Chat
// Another model: add -Dexec.args=qwen3:8b (or set OLLAMA_MODEL); another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import java.io.PrintStream;

public final class Chat {
  static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";

  public static void main(String[] args) {
    String model =
        args.length > 0 ? args[0] : System.getenv().getOrDefault("OLLAMA_MODEL", DEFAULT_MODEL);
    try (OllamaClient client = OllamaClient.fromEnv()) { // OLLAMA_HOST, else 127.0.0.1:11434
      run(client, model, System.out);
    }
  }

  static void run(OllamaClient client, String model, PrintStream out) {
    ChatResponse reply =
        client.chat(
            ChatRequest.builder(model)
                .message(Message.system("Answer in one sentence."))
                .message(Message.user("Why is the sky blue?"))
                .build());
    out.println(reply.message().content());
  }

  private Chat() {}
}
