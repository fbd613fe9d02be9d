// Recipe: embeddings with a cosine search. Embeds a few sentences and a question in one call,
// then ranks the sentences by cosine similarity to the question: the core of semantic search.
//
// Needs an embedding model:  docker compose exec ollama ollama pull all-minilm
// (or run the Pull recipe). Run, from the repository root:
//   ./mvnw -q -pl examples/recipes -am compile exec:java -Drecipe=Embeddings
// Another question: -Dexec.args="'Where do penguins live?'"; another server: set OLLAMA_HOST.
package io.github.ollamaclient.examples.recipes;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.embed.EmbedRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class Embeddings {
  static final String MODEL = "all-minilm";
  static final List<String> SENTENCES =
      List.of(
          "The cat sleeps on the warm windowsill.",
          "Stock markets fell sharply on Monday.",
          "Penguins live in the southern hemisphere.",
          "A kitten chased a ball of yarn.",
          "The recipe needs two cups of flour.");

  public static void main(String[] args) {
    String question = args.length > 0 ? args[0] : "Tell me about small pets.";
    try (OllamaClient client = OllamaClient.fromEnv()) {
      search(client, question, System.out);
    }
  }

  record Hit(double score, String sentence) {}

  /** Prints the sentences, best match first, and returns them in that order. */
  static List<Hit> search(OllamaClient client, String question, PrintStream out) {
    List<String> inputs = new ArrayList<>(List.of(question));
    inputs.addAll(SENTENCES);
    List<float[]> vectors =
        client.embed(EmbedRequest.builder(MODEL).inputs(inputs).build()).embeddings();
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i++) { // vectors come back in the inputs' order
      hits.add(new Hit(cosine(vectors.get(0), vectors.get(i + 1)), SENTENCES.get(i)));
    }
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    out.println("Question: " + question);
    hits.forEach(hit -> out.printf("%6.3f  %s%n", hit.score(), hit.sentence()));
    return hits;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0, normA = 0, normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      normA += a[i] * a[i];
      normB += b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }

  private Embeddings() {}
}
