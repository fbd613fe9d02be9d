package io.github.ollamaclient.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The prompt truncation check against exact answers: num_ctx, the WARN once, the listener. */
class PromptTruncationTest {
  private static final Path LOG = Path.of("target/ollama-client-test.log");

  @RegisterExtension final MockOllama ollama = new MockOllama();

  private final List<PromptTruncation> heard = new CopyOnWriteArrayList<>();

  private final OllamaListener listener =
      new OllamaListener() {
        @Override
        public void onCallFinished(CallEvent event) {}

        @Override
        public void onPromptTruncated(PromptTruncation truncation) {
          heard.add(truncation);
        }
      };

  private static String chatAnswer(String model, int promptEvalCount) {
    return "{\"model\":\""
        + model
        + "\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true,"
        + "\"done_reason\":\"stop\",\"prompt_eval_count\":"
        + promptEvalCount
        + ",\"eval_count\":1}";
  }

  private static ChatRequest chat(String model, int numCtx) {
    return ChatRequest.builder(model)
        .message(Message.user("a long document"))
        .options(Options.builder().numCtx(numCtx).build())
        .build();
  }

  @Test
  void aPromptThatFillsTheRequestsNumCtxIsReportedAndWarnedOncePerModel() throws IOException {
    String model = "m" + UUID.randomUUID().toString().substring(0, 8);
    long before = Files.exists(LOG) ? Files.size(LOG) : 0;
    try (OllamaClient client = ollama.newClientBuilder().listener(listener).build()) {
      ollama.enqueueNdjson(chatAnswer(model, 2048));
      client.chat(chat(model, 2048));
      ollama.enqueueNdjson(chatAnswer(model, 2048));
      client.chat(chat(model, 2048));
    }

    assertThat(heard)
        .containsExactly(
            new PromptTruncation("chat", model, 2048, 2048),
            new PromptTruncation("chat", model, 2048, 2048));
    String log = logSince(before);
    Matcher warnings =
        Pattern.compile("WARN .*chat call to " + model + " filled its context window").matcher(log);
    assertThat(warnings.find()).as(log).isTrue();
    assertThat(warnings.find()).as("one WARN per model").isFalse();
    assertThat(log).contains("(2048 of 2048 tokens)");
  }

  @Test
  void aPromptBelowTheContextIsNotReported() {
    try (OllamaClient client = ollama.newClientBuilder().listener(listener).build()) {
      ollama.enqueueNdjson(chatAnswer("llama3.2", 2047));
      client.chat(chat("llama3.2", 2048));
    }

    assertThat(heard).isEmpty();
  }

  @Test
  void aStreamedGenerateIsCheckedAtItsFinalChunk() {
    try (OllamaClient client = ollama.newClientBuilder().listener(listener).build();
        ResponseStream<?> stream = streamGenerate(client)) {
      stream.forEach(chunk -> {});
    }

    assertThat(heard).containsExactly(new PromptTruncation("generate", "llama3.2", 600, 512));
  }

  private ResponseStream<?> streamGenerate(OllamaClient client) {
    ollama.enqueueNdjson(
        "{\"model\":\"llama3.2\",\"response\":\"o\",\"done\":false}",
        "{\"model\":\"llama3.2\",\"response\":\"k\",\"done\":true,\"done_reason\":\"stop\","
            + "\"prompt_eval_count\":600,\"eval_count\":2}");
    return client.generateStream(
        GenerateRequest.builder("llama3.2")
            .prompt("a long document")
            .options(Options.builder().numCtx(512).build())
            .build());
  }

  @Test
  void withTheCheckOffNothingIsReported() {
    try (OllamaClient client =
        ollama.newClientBuilder().listener(listener).truncationCheck(TruncationCheck.OFF).build()) {
      ollama.enqueueNdjson(chatAnswer("llama3.2", 4096));
      client.chat(chat("llama3.2", 4096));
    }

    assertThat(heard).isEmpty();
  }

  @Test
  void aListenerThatFailsOnTheTruncationDoesNotFailTheCall() {
    OllamaListener failing =
        new OllamaListener() {
          @Override
          public void onCallFinished(CallEvent event) {}

          @Override
          public void onPromptTruncated(PromptTruncation truncation) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (OllamaClient client = ollama.newClientBuilder().listener(failing).build()) {
      ollama.enqueueNdjson(chatAnswer("llama3.2", 64));
      assertThat(client.chat(chat("llama3.2", 64)).message().content()).isEqualTo("ok");
    }
  }

  @Test
  void aTruncationNeedsPositiveCounts() {
    assertThatThrownBy(() -> new PromptTruncation("chat", "m", 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("promptEvalCount and contextLength must be positive");
  }

  private static String logSince(long offset) throws IOException {
    byte[] all = Files.readAllBytes(LOG);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }
}
