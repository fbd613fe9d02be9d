package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@code /api/embed} answer of 256 vectors x 1024 numbers per operation: through {@code embed}
 * into {@code float[]}s, beside plain OkHttp reading the body's bytes (the floor) and plain OkHttp
 * + Jackson {@code readTree} with the numbers copied into {@code float[]}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmbedBenchmark {
  private Fixture fixture;
  private EmbedRequest request;
  private final byte[] buffer = new byte[8192];

  /** Starts the server and the clients. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.open();
    request = EmbedRequest.builder("all-minilm").input(Payloads.EMBED_INPUT).build();
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The SDK: the vectors decoded straight into {@code float[]}s. */
  @Benchmark
  public List<float[]> sdkEmbed() {
    EmbedResponse response = fixture.client().embed(request);
    return response.embeddings();
  }

  /**
   * The floor: every byte of the body read into one reused buffer, nothing decoded or kept. Answers
   * the byte count.
   */
  @Benchmark
  public long okhttpBytes() throws IOException {
    long total = 0;
    try (Response response = send();
        InputStream in = response.body().byteStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
    }
    return total;
  }

  /** The usual hand-written route: a {@link JsonNode} tree, then each vector copied out. */
  @Benchmark
  public List<float[]> okhttpJacksonTree() throws IOException {
    try (Response response = send()) {
      JsonNode vectors = Plain.MAPPER.readTree(response.body().byteStream()).get("embeddings");
      List<float[]> result = new ArrayList<>(vectors.size());
      for (JsonNode vector : vectors) {
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = vector.get(i).floatValue();
        }
        result.add(values);
      }
      return result;
    }
  }

  private Response send() throws IOException {
    return fixture
        .http()
        .newCall(Plain.post(fixture.baseUrl(), "/api/embed", Plain.embedRequest()))
        .execute();
  }
}
