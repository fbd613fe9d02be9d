// Recipe: a tool-calling loop. The model may ask for tools; we run them, send the results back,
// and ask again, until it answers in words (at most 5 rounds).
//
// Needs a model that can call tools, such as qwen3:8b (the compose default cannot):
//   docker compose exec ollama ollama pull qwen3:8b
// Run, from the repository root:
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Tools
// Another model: add -Dexec.args=llama3.2; another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.schema.JsonSchemas;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class Tools {
  static final String DEFAULT_MODEL = "qwen3:8b";

  record City(String city) {}

  static final Tool WEATHER =
      Tool.function("get_weather", "The current weather in a city", JsonSchemas.of(City.class));

  /** The tool itself: here a table; in your program a call to a weather service. */
  static String getWeather(City args) {
    return Map.of("Tokyo", "sunny, 24 C", "Paris", "light rain, 12 C")
        .getOrDefault(args.city(), "unknown city: " + args.city());
  }

  public static void main(String[] args) {
    String model =
        args.length > 0 ? args[0] : System.getenv().getOrDefault("OLLAMA_MODEL", DEFAULT_MODEL);
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, System.out);
    }
  }

  static String run(OllamaClient client, String model, PrintStream out) {
    List<Message> history =
        new ArrayList<>(List.of(Message.user("What is the weather in Tokyo and in Paris?")));
    for (int round = 0; round < 5; round++) {
      ChatResponse reply =
          client.chat(ChatRequest.builder(model).messages(history).tool(WEATHER).build());
      history.add(reply.message()); // keeps the tool calls' ids
      if (reply.message().toolCalls().isEmpty()) {
        out.println(reply.message().content());
        return reply.message().content();
      }
      for (ToolCall call : reply.message().toolCalls()) {
        String result =
            switch (call.name()) {
              case "get_weather" -> getWeather(call.arguments(City.class));
              default -> "no such tool: " + call.name(); // the model sees it and can recover
            };
        out.println("[tool] " + call.name() + "(" + call.arguments() + ") = " + result);
        history.add(Message.tool(call, result));
      }
    }
    throw new IllegalStateException("the model still wants tools after 5 rounds");
  }

  private Tools() {}
}
