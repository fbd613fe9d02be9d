// Recipe: pull a model with a progress bar. Each layer's download is drawn on one line,
// redrawn in place (\r) as bytes arrive; the stream ends with "success".
//
// Run, from the repository root, with `docker compose up -d` running:
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Pull
// It pulls all-minilm (46 MB, the Embeddings recipe's model); another: -Dexec.args=llama3.2
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.PrintStream;

public final class Pull {
  static final String DEFAULT_MODEL = "all-minilm";
  static final int WIDTH = 30;

  public static void main(String[] args) {
    String model = args.length > 0 ? args[0] : DEFAULT_MODEL;
    try (OllamaClient client = OllamaClient.fromEnv()) {
      run(client, model, System.out);
    }
  }

  static void run(OllamaClient client, String model, PrintStream out) {
    String previous = null;
    try (ResponseStream<ProgressResponse> pull = client.pull(model)) {
      for (ProgressResponse p : pull) {
        if (previous != null && !p.status().equals(previous)) {
          out.println(); // a new step (a new layer, "verifying...") starts a new line
        }
        previous = p.status();
        out.print("\r" + p.status());
        p.fraction().ifPresent(f -> out.print(" " + bar(f)));
        out.flush();
      }
    }
    out.println();
  }

  /** [##########--------------------] 33% */
  static String bar(double fraction) {
    int filled = (int) Math.round(fraction * WIDTH);
    return String.format(
        "[%s%s] %3d%%", "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100));
  }

  private Pull() {}
}
