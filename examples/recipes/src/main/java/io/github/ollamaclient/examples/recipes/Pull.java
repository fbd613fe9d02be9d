// Recipe: pull a model with one progress bar for the whole model: PullProgress sums Ollama's
// per-layer lines into one figure (bytes, rate, time left), redrawn in place (\r).
//
// Run, from the repository root, with `docker compose up -d` running:
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Pull
// It pulls all-minilm (46 MB, the Embeddings recipe's model); another: -Dexec.args=llama3.2
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.models.PullProgress;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

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
    PullProgress whole = PullProgress.start(Instant.now());
    boolean drawing = false;
    try (ResponseStream<ProgressResponse> pull = client.pull(model)) {
      for (ProgressResponse p : pull) {
        whole = whole.next(p, Instant.now());
        // A layer's bytes redraw the bar; another step ("verifying ...") gets a line of its own.
        out.print(
            p.digest().isPresent()
                ? "\r" + line(whole)
                : (drawing ? "\n" : "") + p.status() + "\n");
        drawing = p.digest().isPresent();
        out.flush();
      }
    }
  }

  /** [#########---------------------] 30% 14.0 MB of 46.0 MB 5.2 MB/s 6 s left */
  static String line(PullProgress p) {
    return bar(p.fraction().orElse(0))
        + ("  " + megabytes(p.completedBytes()) + " of " + megabytes(p.totalBytes()))
        + (p.bytesPerSecond().isEmpty()
            ? ""
            : "  " + megabytes((long) p.bytesPerSecond().getAsDouble()) + "/s")
        + p.eta().map(left -> "  " + left.toSeconds() + " s left").orElse("")
        + "   "; // wipes the end of a longer line drawn before
  }

  /** [##########--------------------] 33% */
  static String bar(double fraction) {
    int filled = (int) Math.round(fraction * WIDTH);
    return String.format(
        "[%s%s] %3d%%", "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100));
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private Pull() {}
}
