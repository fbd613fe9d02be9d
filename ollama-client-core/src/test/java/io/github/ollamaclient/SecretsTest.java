package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaConnectionException;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaRedirectException;
import io.github.ollamaclient.error.OllamaTimeoutException;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.retry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API key, prompts and image bytes never reach the log or an exception message. */
class SecretsTest {
  private static final String KEY = "sk-very-secret-4711";
  private static final Path LOG = Path.of("target/ollama-client-test.log");
  private static final byte[] IMAGE = "PNG-IMAGE-BYTES-0815".getBytes(StandardCharsets.UTF_8);
  private static final String PROMPT = "my private question about 42";

  private final List<CallEvent> events = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final MockOllama ollama =
      new MockOllama(
          builder ->
              builder
                  .apiKey(KEY)
                  .listener(events::add)
                  .retryPolicy(
                      RetryPolicy.builder()
                          .initialBackoff(Duration.ofMillis(10))
                          .maxBackoff(Duration.ofMillis(20))
                          .build()));

  private static long logSize() throws IOException {
    return Files.exists(LOG) ? Files.size(LOG) : 0;
  }

  private static String logSince(long offset) throws IOException {
    byte[] all = Files.readAllBytes(LOG);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }

  private ChatRequest request() {
    return ChatRequest.builder("llava").message(Message.user(PROMPT, Image.of(IMAGE))).build();
  }

  @Test
  void debugLogNamesTheCallButNeverTheKeyThePromptOrTheImage() throws IOException {
    long before = logSize();
    ollama.enqueueJson(
        "{\"model\":\"llava\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}");
    ollama.enqueueJson(401, "{\"error\":\"unauthorized\"}");

    ollama.client().chat(request());
    assertThatThrownBy(() -> ollama.client().chat(request()))
        .isInstanceOf(OllamaHttpException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY, PROMPT));

    String log = logSince(before);
    assertThat(log).contains("POST /api/chat");
    assertThat(log)
        .doesNotContain(KEY)
        .doesNotContain(PROMPT)
        .doesNotContain(Image.of(IMAGE).base64());
    assertThat(ollama.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void requestToStringShowsNeitherPromptNorImage() {
    assertThat(request().toString()).doesNotContain(PROMPT, Image.of(IMAGE).base64());
    assertThat(Image.of(IMAGE).toString()).doesNotContain(Image.of(IMAGE).base64());
  }

  @Test
  void connectionFailureNamesTheUrlButNotTheKey() {
    ollama.server().close();

    assertThatThrownBy(() -> ollama.client().version())
        .isInstanceOf(OllamaConnectionException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  void retryLogNamesTheAttemptButNeverTheKeyOrThePrompt() throws IOException {
    long before = logSize();
    ollama.enqueueJson(503, "{\"error\":\"server busy\"}");
    ollama.enqueueJson(
        "{\"model\":\"llava\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}");

    ollama.client().chat(request());

    String log = logSince(before);
    assertThat(log).contains("POST /api/chat attempt 1 of 3 failed (HTTP 503); retrying in");
    assertThat(log).doesNotContain(KEY).doesNotContain(PROMPT);
    assertThat(events).singleElement().satisfies(e -> assertThat(e.toString()).doesNotContain(KEY));
  }

  @Test
  void exhaustedRetriesNameNeitherTheKeyNorThePrompt() throws IOException {
    long before = logSize();
    for (int i = 0; i < 3; i++) {
      ollama.enqueueJson(429, "{\"error\":\"rate limited\"}");
    }

    assertThatThrownBy(() -> ollama.client().chat(request()))
        .isInstanceOf(OllamaHttpException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain(KEY, PROMPT);
              for (Throwable earlier : e.getSuppressed()) {
                assertThat(earlier.getMessage()).doesNotContain(KEY, PROMPT);
              }
            });
    assertThat(logSince(before)).doesNotContain(KEY).doesNotContain(PROMPT);
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).doesNotContain(KEY, PROMPT));
  }

  @Test
  void firstChunkTimeoutNamesNeitherTheKeyNorThePrompt() {
    ollama.enqueue(
        new MockResponse.Builder().body("{}\n").headersDelay(2, TimeUnit.SECONDS).build());

    try (OllamaClient client =
        ollama.newClientBuilder().firstChunkTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> client.chatStream(request()))
          .isInstanceOf(OllamaTimeoutException.class)
          .hasMessageContaining("first chunk")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY, PROMPT));
    }
  }

  @Test
  void retryPolicyToStringCarriesNoCredentials() {
    assertThat(RetryPolicy.defaults().toString()).doesNotContain(KEY).contains("maxAttempts=3");
  }

  private static final String PASSWORD = "hunter2-pw";

  /** Every message of {@code e}, its causes and suppressed, and their toString, in one text. */
  private static String everythingSaidBy(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n').append(t.getMessage()).append('\n');
      for (Throwable s : t.getSuppressed()) {
        text.append(everythingSaidBy(s));
      }
    }
    return text.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://admin:" + PASSWORD + "@localhost:11434",
        "http://admin:" + PASSWORD + "@localhost",
        "admin:" + PASSWORD + "@gpu-box:11434",
        "https://admin:" + PASSWORD + "@[::1]:11434/ollama",
        "http://admin:hun/" + PASSWORD + "@localhost:11434",
        "http://:" + PASSWORD + "@localhost",
        "ftp://admin:" + PASSWORD + "@localhost"
      })
  void aPasswordInTheBaseUrlIsRefusedWithoutBeingEchoed(String baseUrl) throws IOException {
    long before = logSize();
    assertThatThrownBy(() -> OllamaClient.builder().baseUrl(baseUrl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials")
        .satisfies(e -> assertThat(everythingSaidBy(e)).doesNotContain(PASSWORD, "hun/"));
    assertThatThrownBy(() -> new OllamaClient.Builder(Map.of("OLLAMA_HOST", baseUrl)::get).build())
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(everythingSaidBy(e)).doesNotContain(PASSWORD, "hun/"));
    assertThatThrownBy(() -> OllamaClient.builder().cloudBaseUrl(baseUrl))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(everythingSaidBy(e)).doesNotContain(PASSWORD, "hun/"));
    assertThat(logSince(before)).doesNotContain(PASSWORD);
  }

  @Test
  void aRedirectToAUrlWithAPasswordNeverEchoesIt() throws IOException {
    long before = logSize();
    ollama.enqueue(
        new MockResponse.Builder()
            .code(307)
            .setHeader("Location", "http://admin:" + PASSWORD + "@elsewhere.example/api/chat")
            .build());

    assertThatThrownBy(() -> ollama.client().chat(request()))
        .isInstanceOf(OllamaRedirectException.class)
        .satisfies(e -> assertThat(everythingSaidBy(e)).doesNotContain(PASSWORD, KEY, PROMPT));
    assertThat(logSince(before)).doesNotContain(PASSWORD);
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
  }
}
