package io.github.ollamaclient.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.inference.Think;
import io.github.ollamaclient.internal.Payload;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ChatRequestTest {
  private static final Tool WEATHER =
      Tool.function("get_weather", "Get the weather", Map.of("type", "object"));

  private static ChatRequest.Builder hello() {
    return ChatRequest.builder("llama3.2").message(Message.user("hello"));
  }

  @Test
  void omitsEveryFieldThatWasNotSet() throws IOException {
    Buffer sent = new Buffer();
    Payload.request(hello().build(), true, false).encode(null).writeTo(sent);

    assertThat(MockOllama.json(sent.readUtf8()))
        .isEqualTo(
            MockOllama.json(
                """
                {"model":"llama3.2","messages":[{"role":"user","content":"hello"}],"stream":true}
                """));
  }

  @Test
  void accessorsReturnWhatWasSetAndEmptyOtherwise() {
    ChatRequest unset = hello().build();
    ChatRequest set =
        hello()
            .tool(WEATHER)
            .format(Format.json())
            .options(Options.builder().seed(1).build())
            .think(Think.LOW)
            .keepAlive(KeepAlive.FOREVER)
            .logprobs(true)
            .topLogprobs(2)
            .build();

    assertThat(unset.tools()).isEmpty();
    assertThat(unset.format()).isEmpty();
    assertThat(unset.options()).isEmpty();
    assertThat(unset.think()).isEmpty();
    assertThat(unset.keepAlive()).isEmpty();
    assertThat(unset.logprobs()).isEmpty();
    assertThat(unset.topLogprobs()).isEmpty();
    assertThat(set.tools()).containsExactly(WEATHER);
    assertThat(set.format()).contains(Format.json());
    assertThat(set.think()).contains(Think.LOW);
    assertThat(set.keepAlive()).contains(KeepAlive.FOREVER);
    assertThat(set.logprobs()).contains(true);
    assertThat(set.topLogprobs()).hasValue(2);
  }

  @Test
  void listsCannotBeChangedFromOutside() {
    ChatRequest request = hello().build();

    assertThatThrownBy(() -> request.messages().add(Message.user("more")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderCopiesEveryFieldAndLeavesTheOriginalAlone() {
    ChatRequest original =
        hello()
            .tool(WEATHER)
            .options(Options.builder().temperature(0.1).build())
            .think(Think.ENABLED)
            .keepAlive(KeepAlive.of(Duration.ofMinutes(1)))
            .logprobs(true)
            .topLogprobs(1)
            .build();

    ChatRequest copy = original.toBuilder().build();
    ChatRequest longer = original.toBuilder().message(Message.user("and then?")).build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(Json.toTree(copy)).isEqualTo(Json.toTree(original));
    assertThat(original.messages()).hasSize(1);
    assertThat(longer.messages()).hasSize(2);
  }

  @Test
  void toStringShowsNoMessageText() {
    ChatRequest request = ChatRequest.builder("llama3.2").message(Message.user("secret")).build();

    assertThat(request.toString())
        .isEqualTo("ChatRequest[model=llama3.2, 1 message(s), 0 tool(s)]");
  }

  @Test
  void blankModelIsRejectedByName() {
    assertThatThrownBy(() -> ChatRequest.builder(" ").message(Message.user("hi")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank");
  }

  @Test
  void nullModelIsRejectedByName() {
    assertThatThrownBy(() -> ChatRequest.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("model");
  }

  @Test
  void requestWithoutMessagesIsRejected() {
    assertThatThrownBy(() -> ChatRequest.builder("llama3.2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("messages must not be empty");
  }

  @Test
  void negativeTopLogprobsIsRejectedByName() {
    assertThatThrownBy(() -> hello().logprobs(true).topLogprobs(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topLogprobs must be >= 0, was -1");
  }

  @Test
  void topLogprobsWithoutLogprobsIsRejectedNamingBoth() {
    assertThatThrownBy(() -> hello().topLogprobs(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topLogprobs")
        .hasMessageContaining("logprobs(true)");
  }

  @Test
  void topLogprobsWithLogprobsFalseIsRejected() {
    assertThatThrownBy(() -> hello().logprobs(false).topLogprobs(5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topLogprobs needs logprobs(true)");
  }

  @Test
  void twoToolsWithOneNameAreRejected() {
    Tool again = Tool.function("get_weather", "Another", Map.of("type", "object"));

    assertThatThrownBy(() -> hello().tools(List.of(WEATHER, again)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tools")
        .hasMessageContaining("\"get_weather\" is offered twice");
  }

  @Test
  void nullMessageIsRejectedByName() {
    assertThatThrownBy(() -> ChatRequest.builder("m").message(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message");
  }
}
