package io.github.ollamaclient.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbedResponseTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  private static final ObjectReader READER = Json.MAPPER.readerFor(EmbedResponse.class);

  @Test
  void numbersAsGoPrintsThemParseToTheNearestFloat() throws IOException {
    String[] texts = {
      "-0.0058914367",
      "1e-05",
      "3.4028235e+38",
      "0",
      "-0",
      "1",
      "-2",
      "16777217",
      "1.1754944e-38",
      "1e-45",
      "0.1",
      "1.0E-7",
      "5e-324",
      "123456789012",
      "0.30000001192092896",
      "2.5E+3"
    };

    EmbedResponse response =
        READER.readValue("{\"embeddings\": [[" + String.join(",", texts) + "]]}");

    assertThat(bits(response.embedding())).containsExactly(bits(reference(texts)));
  }

  @Test
  void aLargeResponseDecodesToExactlyTheReferenceFloats() {
    int count = 256;
    int dimensions = 1024;
    Random random = new Random(42);
    StringBuilder json = new StringBuilder("{\"model\":\"mxbai-embed-large\",\"embeddings\":[");
    List<float[]> expected = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      String[] texts = new String[dimensions];
      for (int d = 0; d < dimensions; d++) {
        texts[d] = goLike((float) (random.nextGaussian() * 0.05), d);
      }
      json.append(v == 0 ? "[" : ",[").append(String.join(",", texts)).append(']');
      expected.add(reference(texts));
    }
    json.append("],\"total_duration\":1,\"prompt_eval_count\":4096}");
    ollama.enqueueJson(json.toString());

    EmbedResponse response =
        ollama
            .client()
            .embed(EmbedRequest.builder("mxbai-embed-large").inputs(List.of("x")).build());

    assertThat(response.embeddings()).hasSize(count);
    for (int v = 0; v < count; v++) {
      assertThat(bits(response.embeddings().get(v)))
          .as("vector %d", v)
          .containsExactly(bits(expected.get(v)));
    }
    assertThat(response.metrics().orElseThrow().promptEvalCount()).isEqualTo(4096);
  }

  @Test
  void aLargeResponseDecodesWellUnderHalfASecond() throws IOException {
    Random random = new Random(7);
    StringBuilder json = new StringBuilder("{\"embeddings\":[");
    for (int v = 0; v < 256; v++) {
      json.append(v == 0 ? "[" : ",[");
      for (int d = 0; d < 1024; d++) {
        json.append(d == 0 ? "" : ",").append((float) (random.nextGaussian() * 0.05));
      }
      json.append(']');
    }
    byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 5; i++) {
      READER.readValue(body); // let the JIT compile the decoder first
    }

    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      EmbedResponse response = READER.readValue(body);
      best = Math.min(best, System.nanoTime() - start);
      assertThat(response.embeddings()).hasSize(256);
    }

    // A few ms on a laptop; the bound only catches a decoder that went quadratic or boxes again.
    assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void vectorsOfDifferentLengthsAndEmptyVectorsDecode() throws IOException {
    EmbedResponse response = READER.readValue("{\"embeddings\": [[], [1], [1, 2, 3]]}");

    assertThat(response.embeddings().get(0)).isEmpty();
    assertThat(response.embeddings().get(1)).containsExactly(1f);
    assertThat(response.embeddings().get(2)).containsExactly(1f, 2f, 3f);
  }

  @Test
  void vectorsLongerThanTheFirstBufferDecode() throws IOException {
    String[] texts = new String[5000];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = Integer.toString(i);
    }

    EmbedResponse response =
        READER.readValue("{\"embeddings\": [[" + String.join(",", texts) + "], [7]]}");

    assertThat(bits(response.embeddings().get(0))).containsExactly(bits(reference(texts)));
    assertThat(response.embeddings().get(1)).containsExactly(7f);
  }

  @Test
  void embeddingReturnsTheOnlyVector() {
    float[] only = {0.5f};

    assertThat(new EmbedResponse("m", List.of(only), null).embedding()).isSameAs(only);
  }

  @Test
  void embeddingRefusesToPickOneOfSeveralVectors() {
    EmbedResponse response =
        new EmbedResponse("m", List.of(new float[] {1}, new float[] {2}), null);

    assertThatThrownBy(response::embedding)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the response has 2")
        .hasMessageContaining("use embeddings()");
  }

  @Test
  void embeddingRefusesAResponseWithoutVectors() {
    EmbedResponse response = new EmbedResponse("m", null, null);

    assertThatThrownBy(response::embedding)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the response has 0");
  }

  @Test
  void theCompactConstructorReplacesAbsentValues() {
    EmbedResponse response = new EmbedResponse(null, null, null);

    assertThat(response.model()).isEmpty();
    assertThat(response.embeddings()).isEmpty();
    assertThat(response.metrics()).isEmpty();
  }

  @Test
  void responsesWithTheSameNumbersAreEqual() {
    EmbedResponse a = response(new float[] {1, 2}, new float[] {3});
    EmbedResponse b = response(new float[] {1, 2}, new float[] {3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(response(new float[] {1, 2}, new float[] {4}));
    assertThat(a).isNotEqualTo(response(new float[] {1, 2}));
  }

  @Test
  void toStringShowsTheShapeNotTheNumbers() {
    float[] big = new float[1024];
    big[0] = 0.123456f;

    assertThat(response(big, new float[1024]))
        .hasToString(
            "EmbedResponse[model=m, embeddings=2 vectors x 1024 dimensions, metrics=Optional["
                + "Metrics[totalDuration=PT1S, loadDuration=PT0S, promptEvalCount=3,"
                + " promptEvalDuration=PT0S, evalCount=0, evalDuration=PT0S]]]");
    assertThat(response(new float[2], new float[3]).toString())
        .contains("embeddings=2 vectors of dimensions [2, 3]");
    assertThat(response(new float[2]).toString()).contains("embeddings=1 vector x 2 dimensions");
    assertThat(response().toString()).contains("embeddings=0 vectors");
  }

  private static EmbedResponse response(float[]... vectors) {
    return new EmbedResponse(
        "m",
        List.of(vectors),
        Optional.of(
            new Metrics(Duration.ofSeconds(1), Duration.ZERO, 3, Duration.ZERO, 0, Duration.ZERO)));
  }

  /** The text as Go might print the number: shortest form, exponent form, or a long decimal. */
  private static String goLike(float value, int variant) {
    switch (variant % 4) {
      case 0:
        return Float.toString(value);
      case 1:
        return new BigDecimal(value).toPlainString();
      case 2:
        return String.format("%.8e", value);
      default:
        return String.format("%.9f", value);
    }
  }

  private static float[] reference(String[] texts) {
    float[] values = new float[texts.length];
    for (int i = 0; i < texts.length; i++) {
      values[i] = Float.parseFloat(texts[i]);
    }
    return values;
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
