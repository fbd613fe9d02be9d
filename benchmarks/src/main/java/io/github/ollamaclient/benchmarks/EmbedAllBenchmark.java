package io.github.ollamaclient.benchmarks;

import io.github.ollamaclient.embed.EmbedProgress;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.embed.EmbedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * 10,000 inputs embedded per operation (384 numbers per vector, as all-minilm gives): in one call,
 * with {@code embedAll} in batches of {@value #BATCH}, and the floor, plain OkHttp posting the one
 * big request and reading the answer's bytes. The server answers from canned bodies (the batch
 * answer for the batch model, the whole one for the other), so what differs is the client's work: a
 * hundred requests and answers instead of one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmbedAllBenchmark {
  /** Inputs per operation. */
  public static final int INPUTS = 10_000;

  /** Inputs per call of {@code embedAll}. */
  public static final int BATCH = 100;

  /** Numbers per vector. */
  public static final int DIMENSIONS = 384;

  private static final String WHOLE_MODEL = "embed-all-whole";
  private static final String BATCH_MODEL = "embed-all-batch";

  private Fixture fixture;
  private EmbedRequest whole;
  private EmbedRequest batched;
  private byte[] wholeBody;
  private final byte[] buffer = new byte[8192];

  /** Starts the server with the two canned answers, and builds the requests. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.open();
    fixture
        .server()
        .embedAnswer(WHOLE_MODEL, Payloads.embedResponse(WHOLE_MODEL, INPUTS, DIMENSIONS, BATCH));
    fixture
        .server()
        .embedAnswer(BATCH_MODEL, Payloads.embedResponse(BATCH_MODEL, BATCH, DIMENSIONS, BATCH));
    List<String> inputs =
        IntStream.range(0, INPUTS).mapToObj(i -> "passage " + i + " of the corpus").toList();
    whole = EmbedRequest.builder(WHOLE_MODEL).inputs(inputs).build();
    batched = EmbedRequest.builder(BATCH_MODEL).inputs(inputs).build();
    wholeBody = Plain.toBytes(new Plain.EmbedRequest(WHOLE_MODEL, inputs));
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The SDK, all 10,000 inputs in one {@code embed} call. */
  @Benchmark
  public List<float[]> sdkEmbedOneCall() {
    return fixture.client().embed(whole).embeddings();
  }

  /** The SDK, {@code embedAll} in batches of {@value #BATCH}: a hundred calls. */
  @Benchmark
  public List<float[]> sdkEmbedAllBatches() {
    EmbedResponse all = fixture.client().embedAll(batched, BATCH, EmbedProgress.NONE);
    return all.embeddings();
  }

  /** The floor: the one big request posted, every byte of its answer read, nothing decoded. */
  @Benchmark
  public long okhttpBytesOneCall() throws IOException {
    long total = 0;
    try (Response response =
            fixture
                .http()
                .newCall(Plain.post(fixture.baseUrl(), "/api/embed", wholeBody))
                .execute();
        InputStream in = response.body().byteStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
    }
    return total;
  }
}
