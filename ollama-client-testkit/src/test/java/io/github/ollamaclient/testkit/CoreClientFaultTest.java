package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import io.github.ollamaclient.error.OllamaStreamException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.retry.RetryPolicy;
import io.github.ollamaclient.stream.ResponseStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake's faults as the SDK's client reports them: the right exception, never a partial. */
class CoreClientFaultTest {
  @RegisterExtension
  final FakeOllama ollama =
      FakeOllama.create()
          .withModel("llama3.2", model -> model.reply("one two three four five six"));

  private OllamaClient client;

  @BeforeEach
  void connect() {
    client = OllamaClient.builder().baseUrl(ollama.baseUrl()).build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  private static ChatRequest hi(String model) {
    return ChatRequest.builder(model).message(Message.user("hi")).build();
  }

  /** Iterates the stream into {@code delivered} and returns what it threw, if anything. */
  private static Throwable drain(ResponseStream<ChatResponse> stream, List<String> delivered) {
    try (stream) {
      for (ChatResponse chunk : stream) {
        delivered.add(chunk.message().content());
      }
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Test
  void throwsModelNotFoundForAMissingModelNamingIt() {
    ModelNotFoundException e =
        catchThrowableOfType(ModelNotFoundException.class, () -> client.chat(hi("mistral")));

    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.model()).hasValue("mistral");
    assertThat(e.errorMessage()).isEqualTo("model 'mistral' not found");
    assertThat(e).hasMessageContaining("pull");
  }

  @Test
  void throwsModelNotFoundForAMissingModelBeforeAStreamStarts() {
    assertThatThrownBy(() -> client.chatStream(hi("mistral")).close())
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(
            () -> client.generate(GenerateRequest.builder("mistral").prompt("hi").build()))
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> client.embed(EmbedRequest.builder("mistral").input("hi").build()))
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> client.show("mistral")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> client.delete("mistral")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> client.copy("mistral", "other"))
        .isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void throwsAStreamExceptionAfterExactlyTheChunksBeforeTheErrorLine() {
    ollama.failNext(Fault.errorAfter(3, "an error was encountered while running the model"));
    List<String> delivered = new ArrayList<>();

    Throwable thrown = drain(client.chatStream(hi("llama3.2")), delivered);

    assertThat(delivered).containsExactly("one ", "two ", "thre");
    assertThat(thrown).isInstanceOf(OllamaStreamException.class);
    OllamaStreamException e = (OllamaStreamException) thrown;
    assertThat(e.chunksDelivered()).isEqualTo(3);
    assertThat(e.errorMessage()).isEqualTo("an error was encountered while running the model");
  }

  @Test
  void failsTheWholeAnswerOfAStreamThatReportsAnError() {
    ollama.model("llama3.2").fault(Fault.errorAfter(2, "boom"));

    assertThatThrownBy(() -> client.chatStream(hi("llama3.2")).aggregate())
        .isInstanceOf(OllamaStreamException.class)
        .hasMessageContaining("boom");
  }

  @Test
  void aServerNotSignedInRefusesACloudModelWithTheUrlThatSignsItIn() {
    ollama.model("gpt-oss:120b-cloud").remote("gpt-oss:120b", "https://ollama.com:443");
    ollama.signedOut();

    OllamaSigninRequiredException cloud =
        catchThrowableOfType(
            OllamaSigninRequiredException.class, () -> client.chat(hi("gpt-oss:120b-cloud")));
    ollama.failNext(Fault.signinRequired());
    OllamaSigninRequiredException fault =
        catchThrowableOfType(
            OllamaSigninRequiredException.class, () -> client.chat(hi("llama3.2")));

    assertThat(cloud.signinUrl()).isEqualTo(FakeOllama.SIGNIN_URL);
    assertThat(cloud.model()).contains("gpt-oss:120b-cloud");
    assertThat(cloud).hasMessageContaining("run `ollama signin`");
    assertThat(fault.signinUrl()).isEqualTo(FakeOllama.SIGNIN_URL);
    assertThat(client.chat(hi("llama3.2")).done()).as("a local model needs no sign-in").isTrue();
  }

  @Test
  void failsAWholeAnswerWhoseGenerationReportsAnError() {
    // chat() is streamed on the wire: an error mid-generation comes as an error line, after the
    // chunks that were joined so far, and none of them is returned.
    ollama.failNext(Fault.errorAfter(2, "out of memory"));

    OllamaStreamException e =
        catchThrowableOfType(OllamaStreamException.class, () -> client.chat(hi("llama3.2")));

    assertThat(e.errorMessage()).isEqualTo("out of memory");
    assertThat(e.chunksDelivered()).isEqualTo(2);
  }

  @Test
  void turnsAnErrorStatusOfANonStreamedCallIntoAnHttpException() {
    ollama.failNext(Fault.errorAfter(0, "out of memory"));

    OllamaHttpException e =
        catchThrowableOfType(OllamaHttpException.class, () -> client.chat(hi("llama3.2")));

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.errorMessage()).isEqualTo("out of memory");
  }

  @Test
  void throwsAfterTheChunksThatArrivedWhenTheConnectionDrops() {
    ollama.failNext(Fault.disconnectAfter(2));
    List<String> delivered = new ArrayList<>();

    Throwable thrown = drain(client.chatStream(hi("llama3.2")), delivered);

    assertThat(delivered).containsExactly("one ", "two ");
    assertThat(thrown)
        .isInstanceOfAny(OllamaProtocolException.class, OllamaConnectionException.class);
  }

  @Test
  void neverReturnsAPartialGenerationWhenTheConnectionDrops() {
    ollama.failNext(Fault.disconnectAfter(3));

    assertThatThrownBy(
            () ->
                client
                    .generateStream(GenerateRequest.builder("llama3.2").prompt("hi").build())
                    .aggregate())
        .isInstanceOf(OllamaException.class);
  }

  @Test
  void throwsWhenANonStreamedAnswerIsCutHalfway() {
    ollama.failNext(Fault.disconnectAfter(0));

    assertThatThrownBy(() -> client.chat(hi("llama3.2")))
        .isInstanceOfAny(OllamaProtocolException.class, OllamaConnectionException.class);
  }

  @Test
  void throwsAConnectionExceptionWhenTheServerHangsUpBeforeAnswering() {
    ollama.failNext(Fault.disconnect());

    assertThatThrownBy(() -> client.version()).isInstanceOf(OllamaConnectionException.class);
  }

  @Test
  void throwsWhenAPullStopsBeforeSuccess() {
    ollama.failNext(Fault.disconnectAfter(4));
    List<String> statuses = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (ResponseStream<ProgressResponse> pull = client.pull("gemma3")) {
                pull.forEach(p -> statuses.add(p.status()));
              }
            })
        .isInstanceOfAny(OllamaProtocolException.class, OllamaConnectionException.class);
    assertThat(statuses).hasSize(4).doesNotContain("success");
  }

  @Test
  void timesOutOnAStallLongerThanTheReadTimeout() {
    ollama.failNext(Fault.stall(Duration.ofSeconds(5)));

    try (OllamaClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(300)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> impatient.chat(hi("llama3.2")))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("read");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void timesOutWhenAStreamStallsMidway() {
    ollama.failNext(Fault.stallAfter(2, Duration.ofSeconds(5)));
    List<String> delivered = new ArrayList<>();

    Throwable thrown;
    try (OllamaClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(300)).build()) {
      thrown = drain(impatient.chatStream(hi("llama3.2")), delivered);
    }

    assertThat(delivered).containsExactly("one ", "two ");
    assertThat(thrown).isInstanceOf(OllamaTimeoutException.class);
  }

  @Test
  void keepsTheHtmlBodyOfAProxyError() {
    ollama.failNext(Fault.htmlError(502));

    OllamaHttpException e =
        catchThrowableOfType(OllamaHttpException.class, () -> client.chat(hi("llama3.2")));

    assertThat(e).isNotInstanceOf(ModelNotFoundException.class);
    assertThat(e.statusCode()).isEqualTo(502);
    assertThat(e.body()).contains("<title>502 Bad Gateway</title>").contains("nginx");
    assertThat(e.path()).isEqualTo("/api/chat");
  }

  @Test
  void keepsAPlainTextBodyOf404FromAProxyApartFromModelNotFound() {
    ollama.failNext(Fault.status(404, "404 page not found"));

    OllamaHttpException e =
        catchThrowableOfType(OllamaHttpException.class, () -> client.chat(hi("llama3.2")));

    assertThat(e).isNotInstanceOf(ModelNotFoundException.class);
    assertThat(e.body()).isEqualTo("404 page not found");
  }

  @Test
  void reportsA429WithOllamasErrorText() {
    ollama.failNext(Fault.status(429, "{\"error\":\"server busy, please try again.\"}"));

    // Without retries: the default policy would retry a 429 and succeed on the next answer.
    try (OllamaClient once = client.newBuilder().retryPolicy(RetryPolicy.none()).build()) {
      OllamaHttpException e =
          catchThrowableOfType(OllamaHttpException.class, () -> once.chat(hi("llama3.2")));

      assertThat(e.statusCode()).isEqualTo(429);
      assertThat(e.errorMessage()).isEqualTo("server busy, please try again.");
    }
  }

  @Test
  void retriesA429ByDefaultAndAnswers() {
    ollama.failNext(Fault.status(429, "{\"error\":\"server busy, please try again.\"}"));

    assertThat(client.chat(hi("llama3.2")).message().content()).isNotEmpty();
    assertThat(ollama.requests()).hasSize(2);
  }

  @Test
  void answersASlowFirstTokenWithinALargerReadTimeout() {
    ollama.model("llama3.2").fault(Fault.slowFirstToken(Duration.ofMillis(400)));

    try (OllamaClient patient = client.newBuilder().readTimeout(Duration.ofSeconds(3)).build()) {
      GenerateResponse answer =
          patient.generate(GenerateRequest.builder("llama3.2").prompt("hi").build());

      assertThat(answer.response()).isEqualTo("one two three four five six");
      assertThat(answer.metrics().orElseThrow().loadDuration())
          .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void aLongAnswerPastTheReadTimeoutIsNeverCutOffNotStreamedEither() {
    // 400 ms to load, then 12 tokens 100 ms apart: about 1.5 s in all, five read timeouts, but
    // never 300 ms without a byte. Sent with "stream": false, the server would say nothing until
    // the end and the call would time out.
    ollama
        .model("llama3.2")
        .reply(
            Reply.text("a long answer that takes more than a second to write, token by token")
                .withTokenSize(6)
                .withTokenDelay(Duration.ofMillis(100)))
        .fault(Fault.slowFirstToken(Duration.ofMillis(250)));

    try (OllamaClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(300)).build()) {
      long start = System.nanoTime();
      ChatResponse chat = impatient.chat(hi("llama3.2"));
      GenerateResponse generate =
          impatient.generate(GenerateRequest.builder("llama3.2").prompt("hi").build());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
      assertThat(chat.message().content())
          .isEqualTo("a long answer that takes more than a second to write, token by token");
      assertThat(generate.response()).isEqualTo(chat.message().content());
      assertThat(chat.done()).isTrue();
      assertThat(ollama.requests())
          .allSatisfy(request -> assertThat(request.body().get("stream").asBoolean()).isTrue());
    }
  }

  @Test
  void theServersNonStreamedAnswerTakesAsLongAsItsTokens() {
    ollama
        .model("llama3.2")
        .reply(
            Reply.text("one two three four")
                .withTokenSize(4)
                .withTokenDelay(Duration.ofMillis(150)));

    long start = System.nanoTime();
    HttpResponse<String> answer =
        Http.post(
            ollama, "/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"hi\",\"stream\":false}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(450));
  }

  @Test
  void timesOutOnASlowFirstTokenLongerThanTheReadTimeout() {
    ollama.model("llama3.2").fault(Fault.slowFirstToken(Duration.ofSeconds(3)));

    try (OllamaClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> impatient.chatStream(hi("llama3.2")).close())
          .isInstanceOf(OllamaTimeoutException.class);
    }
  }

  @Test
  void cancellingAChatAsyncFutureStopsTheStream() throws Exception {
    ollama
        .model("llama3.2")
        .reply(Reply.text("x".repeat(200)).withTokenSize(1).withTokenDelay(Duration.ofMillis(20)));
    List<String> delivered = new CopyOnWriteArrayList<>();
    CountDownLatch firstChunks = new CountDownLatch(3);

    CompletableFuture<ChatResponse> future =
        client.chatAsync(
            hi("llama3.2"),
            chunk -> {
              delivered.add(chunk.message().content());
              firstChunks.countDown();
            });
    assertThat(firstChunks.await(5, TimeUnit.SECONDS)).isTrue();
    future.cancel(true);
    int atCancel = delivered.size();
    Thread.sleep(300);

    assertThat(future).isCancelled();
    // A few lines may already be buffered when cancelling; 300 ms more would bring about 15.
    assertThat(delivered.size()).isLessThanOrEqualTo(atCancel + 3);
    assertThat(delivered.size()).isLessThan(200);
  }

  @Test
  void closingAStreamEarlyStopsReadingIt() {
    ollama
        .model("llama3.2")
        .reply(Reply.text("y".repeat(100)).withTokenSize(1).withTokenDelay(Duration.ofMillis(10)));
    List<String> delivered = new ArrayList<>();

    try (ResponseStream<ChatResponse> stream = client.chatStream(hi("llama3.2"))) {
      for (ChatResponse chunk : stream) {
        delivered.add(chunk.message().content());
        if (delivered.size() == 5) {
          break;
        }
      }
      assertThat(stream.finalChunk()).isEmpty();
    }

    assertThat(delivered).hasSize(5);
    // The next call works on a clean connection pool.
    assertThat(client.version()).isEqualTo(FakeOllama.DEFAULT_VERSION);
  }
}
