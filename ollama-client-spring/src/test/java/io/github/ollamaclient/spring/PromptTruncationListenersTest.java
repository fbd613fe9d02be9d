package io.github.ollamaclient.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.PromptTruncation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every listener bean hears of a truncated prompt, as it hears of every call. */
class PromptTruncationListenersTest {
  @RegisterExtension final FakeOllama ollama = new FakeOllama();

  private static OllamaListener recorder(List<String> heard, String name) {
    return new OllamaListener() {
      @Override
      public void onCallFinished(CallEvent event) {}

      @Override
      public void onPromptTruncated(PromptTruncation truncation) {
        heard.add(name + " " + truncation.promptEvalCount() + "/" + truncation.contextLength());
      }
    };
  }

  @Test
  void eachListenerBeanHearsOfATruncatedPrompt() {
    List<String> heard = new CopyOnWriteArrayList<>();
    new ApplicationContextRunner()
        .withConfiguration(OllamaAutoConfigurations.all())
        .withPropertyValues(ollama.baseUrlProperty())
        .withBean("first", OllamaListener.class, () -> recorder(heard, "first"))
        .withBean("second", OllamaListener.class, () -> recorder(heard, "second"))
        .run(
            context -> {
              ollama.enqueue(
                  200,
                  "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                      + "\"done\":true,\"prompt_eval_count\":1024,\"eval_count\":1}");
              context
                  .getBean(OllamaClient.class)
                  .chat(
                      ChatRequest.builder("llama3.2")
                          .message(Message.user("a long text"))
                          .options(Options.builder().numCtx(1024).build())
                          .build());
            });

    assertThat(heard).containsExactlyInAnyOrder("first 1024/1024", "second 1024/1024");
  }
}
