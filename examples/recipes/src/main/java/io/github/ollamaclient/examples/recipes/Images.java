// Recipe: images. Sends a picture with the question to a vision model, which describes it.
//
// Needs a vision model:  docker compose exec ollama ollama pull llava
// Run, from the repository root (the picture is examples/recipes/shapes.png):
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Images
// Your own picture: -Dexec.args=/path/to/photo.jpg (then a model: -Dexec.args="photo.jpg gemma3")
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.Image;
import java.io.PrintStream;
import java.nio.file.Path;

public final class Images {
  static final String DEFAULT_MODEL = "llava";
  static final Path DEFAULT_PICTURE = Path.of("examples/recipes/shapes.png");

  public static void main(String[] args) {
    Path picture = args.length > 0 ? Path.of(args[0]) : DEFAULT_PICTURE;
    String model = args.length > 1 ? args[1] : DEFAULT_MODEL;
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, picture, System.out);
    }
  }

  static void run(OllamaClient client, String model, Path picture, PrintStream out) {
    ChatResponse reply =
        client.chat(
            ChatRequest.builder(model)
                .message(
                    Message.user(
                        "What shapes and colours are in this picture? Answer in one sentence.",
                        Image.fromPath(picture))) // or Image.of(bytes), Image.fromBase64(text)
                .build());
    out.println(picture.getFileName() + ": " + reply.message().content());
  }

  private Images() {}
}
