// Recipe: streaming to the terminal. The answer is printed token by token as the model writes
// it, then the speed; closing the stream early (try-with-resources) stops the model.
//
// Run, from the repository root, with `docker compose up -d` running (it pulls the model below):
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Streaming
// Another model: add -Dexec.args=qwen3:8b (or set OLLAMA_MODEL); another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.PrintStream;

public final class Streaming {
  static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";

  public static void main(String[] args) {
    String model =
        args.length > 0 ? args[0] : System.getenv().getOrDefault("OLLAMA_MODEL", DEFAULT_MODEL);
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, System.out);
    }
  }

  static void run(OllamaClient client, String model, PrintStream out) {
    ChatRequest request =
        ChatRequest.builder(model).message(Message.user("Write a haiku about the sea.")).build();
    try (ResponseStream<ChatResponse> stream = client.chatStream(request)) {
      for (ChatResponse chunk : stream) {
        out.print(chunk.message().content());
        out.flush(); // show each token now, not at the end of the line
      }
      out.println();
      stream
          .finalChunk()
          .flatMap(ChatResponse::metrics)
          .ifPresent(
              m -> out.printf("(%d tokens, %.1f tokens/s)%n", m.evalCount(), m.tokensPerSecond()));
    }
  }

  private Streaming() {}
}
