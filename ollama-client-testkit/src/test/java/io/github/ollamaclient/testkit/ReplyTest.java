package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {
  @Test
  void buildsAnImmutableReplyStepByStep() {
    Reply base = Reply.text("Hi");
    Reply full =
        base.withThinking("hmm")
            .withToolCall("get_weather", Map.of("city", "Tokyo"))
            .withTokenSize(2)
            .withTokenDelay(Duration.ofMillis(5))
            .withDoneReason("length");

    assertThat(base.thinking()).isEmpty();
    assertThat(base.toolCalls()).isEmpty();
    assertThat(full.text()).isEqualTo("Hi");
    assertThat(full.thinking()).isEqualTo("hmm");
    assertThat(full.toolCalls().get(0).name()).isEqualTo("get_weather");
    assertThat(full.toolCalls().get(0).arguments()).isEqualTo(Http.json("{\"city\":\"Tokyo\"}"));
    assertThat(full.toolCalls().get(0).id()).matches("call_[0-9a-f]{8}");
    assertThat(full.tokenSize()).isEqualTo(2);
    assertThat(full.doneReason()).isEqualTo("length");
  }

  @Test
  void rejectsInvalidJsonTokenSizesAndDelays() {
    assertThatThrownBy(() -> Reply.json("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("json is not valid JSON");
    assertThatThrownBy(() -> Reply.text("x").withTokenSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenSize");
    assertThatThrownBy(() -> Reply.text("x").withTokenDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokenDelay");
    assertThatThrownBy(() -> Reply.toolCall(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void splitsTextIntoTokensWithoutBreakingCharacters() {
    assertThat(Inference.split("日本語😀ok", 2)).containsExactly("日本", "語😀", "ok");
    assertThat(Inference.split("", 4)).isEmpty();
  }

  @Test
  void addsTheThinkingCapabilityToAModelGivenAThinkingReply() {
    FakeModel model = new FakeModel("qwen3");

    model.reply(Reply.text("a").withThinking("b"));

    assertThat(model.capabilityList()).containsExactly("completion", "tools", "thinking");
  }

  @Test
  void rejectsAnInvalidDigestForAModel() {
    assertThatThrownBy(() -> new FakeModel("m").digest("sha256:xyz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits");
  }
}
