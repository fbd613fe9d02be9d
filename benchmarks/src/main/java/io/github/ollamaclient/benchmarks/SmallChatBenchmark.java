package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import java.io.IOException;
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
 * One small non-streamed chat call per operation, end to end (request built and serialised, sent,
 * answer decoded): {@code chat} beside plain OkHttp + Jackson binding to a record (the floor),
 * plain OkHttp + Jackson {@code readTree}, and a plain POST whose answer is only read as text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallChatBenchmark {
  private Fixture fixture;

  /** Starts the server and the clients. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.open();
  }

  /** Stops them. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  /** The SDK: a request built, sent, and the answer decoded into a {@link ChatResponse}. */
  @Benchmark
  public ChatResponse sdkChat() {
    return fixture
        .client()
        .chat(ChatRequest.builder(Payloads.MODEL).message(Message.user(Payloads.QUESTION)).build());
  }

  /** The floor: a request record serialised by Jackson, the answer bound to a record. */
  @Benchmark
  public Plain.ChatAnswer okhttpJacksonRecord() throws IOException {
    byte[] body =
        Plain.toBytes(
            new Plain.ChatRequest(
                Payloads.MODEL, List.of(new Plain.ChatMessage("user", Payloads.QUESTION)), false));
    try (Response response = send(body)) {
      return Plain.MAPPER.readValue(response.body().byteStream(), Plain.ChatAnswer.class);
    }
  }

  /** The same, with the answer read as a {@link JsonNode}. */
  @Benchmark
  public JsonNode okhttpJacksonTree() throws IOException {
    try (Response response = send(Plain.chatRequest(false))) {
      return Plain.MAPPER.readTree(response.body().byteStream());
    }
  }

  /** The wire alone: a ready body posted, the answer read as a string. */
  @Benchmark
  public String okhttpPlainPost() throws IOException {
    try (Response response = send(PLAIN_BODY)) {
      return response.body().string();
    }
  }

  private static final byte[] PLAIN_BODY = Plain.chatRequest(false);

  private Response send(byte[] body) throws IOException {
    return fixture.http().newCall(Plain.post(fixture.baseUrl(), "/api/chat", body)).execute();
  }
}
