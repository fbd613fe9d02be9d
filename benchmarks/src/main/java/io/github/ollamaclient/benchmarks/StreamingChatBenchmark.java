package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okio.BufferedSource;
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
 * One streamed chat answer of 20,000 NDJSON chunks per operation: through {@code chatStream} with
 * the content assembled, beside plain OkHttp reading the same body line by line (the floor) and
 * plain OkHttp + Jackson {@code readTree} per line with the content assembled.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StreamingChatBenchmark {
  private Fixture fixture;
  private ChatRequest request;

  /** Starts the server and the clients. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.open();
    request =
        ChatRequest.builder(Payloads.MODEL).message(Message.user(Payloads.STREAM_QUESTION)).build();
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The SDK: every chunk decoded into a {@link ChatResponse}, its content appended. */
  @Benchmark
  public StringBuilder sdkChatStream() {
    StringBuilder content = new StringBuilder();
    try (ResponseStream<ChatResponse> stream = fixture.client().chatStream(request)) {
      for (ChatResponse chunk : stream) {
        content.append(chunk.message().content());
      }
    }
    return content;
  }

  /** The floor: the same body read as UTF-8 lines, nothing decoded. Answers the line count. */
  @Benchmark
  public long okhttpLines() throws IOException {
    long lines = 0;
    try (Response response = send()) {
      BufferedSource source = response.body().source();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        lines += line.isEmpty() ? 0 : 1;
      }
    }
    return lines;
  }

  /** The usual hand-written route: a {@link JsonNode} per line, its content appended. */
  @Benchmark
  public StringBuilder okhttpJacksonTree() throws IOException {
    StringBuilder content = new StringBuilder();
    try (Response response = send()) {
      BufferedSource source = response.body().source();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (!line.isEmpty()) {
          JsonNode chunk = Plain.MAPPER.readTree(line);
          content.append(chunk.path("message").path("content").asText());
        }
      }
    }
    return content;
  }

  OllamaClient fixtureClient() {
    return fixture.client();
  }

  ChatRequest request() {
    return request;
  }

  private Response send() throws IOException {
    return fixture
        .http()
        .newCall(Plain.post(fixture.baseUrl(), "/api/chat", Plain.chatRequest(true)))
        .execute();
  }
}
