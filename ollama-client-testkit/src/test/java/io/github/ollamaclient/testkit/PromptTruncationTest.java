package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.PromptTruncation;
import io.github.ollamaclient.observe.TruncationCheck;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Silent prompt truncation against the fake: it loads a model with the request's {@code num_ctx}
 * (4096 without), lists that as {@code context_length} in {@code /api/ps}, and counts a long
 * prompt's tokens in {@code prompt_eval_count}, so a prompt reaches the context length.
 */
class PromptTruncationTest {
  private static final String MODEL = "llama3.2";

  /** About 5,000 tokens as the fake counts them (four characters each): more than 4096. */
  private static final String LONG = "word ".repeat(4000);

  @RegisterExtension final FakeOllama ollama = FakeOllama.create().withModel(MODEL);

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

  private OllamaClient client(TruncationCheck check) {
    return OllamaClient.builder()
        .baseUrl(ollama.baseUrl())
        .listener(listener)
        .truncationCheck(check)
        .build();
  }

  private static ChatRequest ask(String text) {
    return ChatRequest.builder(MODEL).message(Message.user(text)).build();
  }

  private List<String> paths() {
    return ollama.requests().stream().map(RecordedRequest::path).toList();
  }

  @Test
  void byDefaultTheLengthsOfTheApplicationsOwnPsAnswersAreUsedAndNoCallIsAdded() {
    try (OllamaClient client = client(TruncationCheck.KNOWN_LENGTHS)) {
      client.chat(ask(LONG));
      assertThat(heard).as("no length known yet, and none asked for").isEmpty();

      assertThat(client.ps())
          .singleElement()
          .satisfies(m -> assertThat(m.contextLength()).hasValue(4096));
      client.chat(ask(LONG));
      client.chat(ask("short"));
    }

    assertThat(heard)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.model()).isEqualTo(MODEL);
              assertThat(t.contextLength()).isEqualTo(4096);
              assertThat(t.promptEvalCount()).isGreaterThanOrEqualTo(4096);
            });
    assertThat(paths()).containsExactly("/api/chat", "/api/ps", "/api/chat", "/api/chat");
  }

  @Test
  void lookupAsksPsOncePerModelThenRemembers() {
    try (OllamaClient client = client(TruncationCheck.LOOKUP)) {
      client.chat(ask(LONG));
      client.chat(ask(LONG));
    }

    assertThat(heard).hasSize(2).allSatisfy(t -> assertThat(t.contextLength()).isEqualTo(4096));
    assertThat(paths()).containsExactly("/api/chat", "/api/ps", "/api/chat");
  }

  @Test
  void theRequestsNumCtxIsTheLengthWithoutAnyLookup() {
    try (OllamaClient client = client(TruncationCheck.LOOKUP)) {
      client.chat(
          ask("word ".repeat(400)).toBuilder()
              .options(io.github.ollamaclient.inference.Options.builder().numCtx(256).build())
              .build());
    }

    assertThat(heard).singleElement().satisfies(t -> assertThat(t.contextLength()).isEqualTo(256));
    assertThat(paths()).containsExactly("/api/chat");
  }

  @Test
  void aShortPromptIsNeitherReportedNorWorthALookup() {
    try (OllamaClient client = client(TruncationCheck.LOOKUP)) {
      client.chat(ask("word ".repeat(100)));
    }

    assertThat(heard).isEmpty();
    assertThat(paths()).containsExactly("/api/chat");
  }
}
