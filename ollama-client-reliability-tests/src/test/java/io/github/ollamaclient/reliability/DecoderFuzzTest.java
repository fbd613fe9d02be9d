package io.github.ollamaclient.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Jazzer fuzz tests of every decoder the client has: the NDJSON stream reader (chat, generate,
 * progress), each plain response (chat, generate, embed, show, list, ps, version, web search and
 * fetch) and error answers with their {@code Retry-After}. The fuzzer's bytes are the server's
 * answer, handed to the client by an interceptor, so the whole public path runs without a socket.
 * Only the client's own {@link OllamaException}s may escape; anything else is a finding.
 *
 * <p>{@code ./mvnw verify} replays the committed inputs under {@code
 * src/test/resources/io/github/ollamaclient/reliability/DecoderFuzzTestInputs/} (regression mode).
 * To fuzz one target, see {@code docs/reliability.md}.
 */
class DecoderFuzzTest {
  private static final MediaType NDJSON = MediaType.get("application/x-ndjson");

  /** The answer the interceptor gives next; the fuzzer runs one input at a time. */
  private static volatile Answer next;

  private record Answer(int status, String retryAfter, byte[] body) {}

  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().addInterceptor(DecoderFuzzTest::answer).build();

  private static final OllamaClient CLIENT =
      OllamaClient.builder()
          .baseUrl("http://127.0.0.1:9")
          .cloudBaseUrl("http://127.0.0.1:9")
          .apiKey("fuzz-key")
          .httpClient(HTTP)
          .retryPolicy(RetryPolicy.none())
          .build();

  private static Response answer(Interceptor.Chain chain) {
    Answer answer = next;
    Response.Builder response =
        new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(answer.status())
            .message("fuzz")
            .body(ResponseBody.create(answer.body(), NDJSON));
    if (answer.retryAfter() != null) {
      response.header("Retry-After", answer.retryAfter());
    }
    return response.build();
  }

  /** Answers the next call with {@code body}, runs {@code call}, and lets only our errors pass. */
  private static void decode(byte[] body, Runnable call) {
    next = new Answer(200, null, body);
    try {
      call.run();
    } catch (OllamaException expected) {
      // The documented way for a decoder to refuse what it cannot read.
    }
  }

  private static <T> void drain(ResponseStream<T> stream, Consumer<T> use) {
    try (stream) {
      for (T chunk : stream) {
        use.accept(chunk);
      }
      stream.aggregate();
    }
  }

  private static ChatRequest chatRequest() {
    return ChatRequest.builder("m").message(Message.user("hi")).build();
  }

  private static GenerateRequest generateRequest() {
    return GenerateRequest.builder("m").prompt("hi").build();
  }

  @FuzzTest
  void chatStream(byte[] body) {
    decode(
        body,
        () ->
            drain(
                CLIENT.chatStream(chatRequest()),
                (ChatResponse c) -> {
                  c.message().toolCalls().forEach(t -> t.arguments().size());
                  c.metrics();
                }));
  }

  @FuzzTest
  void generateStream(byte[] body) {
    decode(
        body,
        () -> drain(CLIENT.generateStream(generateRequest()), (GenerateResponse g) -> g.metrics()));
  }

  @FuzzTest
  void progressStream(byte[] body) {
    decode(body, () -> drain(CLIENT.pull("m"), (ProgressResponse p) -> p.fraction()));
  }

  @FuzzTest
  void chat(byte[] body) {
    decode(body, () -> CLIENT.chat(chatRequest()).message().content());
  }

  @FuzzTest
  void generate(byte[] body) {
    decode(body, () -> CLIENT.generate(generateRequest()).response());
  }

  @FuzzTest
  void embed(byte[] body) {
    decode(
        body,
        () -> CLIENT.embed(EmbedRequest.builder("m").input("hi").build()).embeddings().size());
  }

  @FuzzTest
  void show(byte[] body) {
    decode(body, () -> CLIENT.show("m").capabilities());
  }

  @FuzzTest
  void list(byte[] body) {
    decode(body, () -> CLIENT.list().forEach(m -> m.details()));
  }

  @FuzzTest
  void ps(byte[] body) {
    decode(body, () -> CLIENT.ps().forEach(m -> m.expiresAt()));
  }

  @FuzzTest
  void version(byte[] body) {
    decode(body, CLIENT::version);
  }

  @FuzzTest
  void webSearch(byte[] body) {
    decode(body, () -> CLIENT.webSearch("q").results().size());
  }

  @FuzzTest
  void webFetch(byte[] body) {
    decode(body, () -> CLIENT.webFetch("https://example.com").links());
  }

  /** An error status, an optional {@code Retry-After} and any body: always an HTTP exception. */
  @FuzzTest
  void errorAnswer(FuzzedDataProvider data) {
    int status = data.pickValue(new int[] {400, 401, 404, 429, 500, 502, 503, 504});
    String retryAfter = data.consumeBoolean() ? data.consumeAsciiString(40) : null;
    if (retryAfter != null && !retryAfter.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      retryAfter = null; // OkHttp rejects such header values before any client code runs
    }
    next = new Answer(status, retryAfter, data.consumeRemainingAsBytes());
    try {
      CLIENT.chat(chatRequest());
      throw new AssertionError("an error status was taken as an answer");
    } catch (OllamaHttpException expected) {
      expected.retryAfter().ifPresent(d -> d.toMillis());
    }
  }
}
