package io.github.ollamaclient.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Image;
import io.github.ollamaclient.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

  @Test
  void factoriesSetTheRoleAndOmitAbsentFields() {
    assertThat(Json.toTree(List.of(Message.system("s"), Message.user("u"), Message.assistant("a"))))
        .isEqualTo(
            MockOllama.json(
                """
                [{"role":"system","content":"s"},{"role":"user","content":"u"},
                 {"role":"assistant","content":"a"}]
                """));
  }

  @Test
  void toolResultCarriesTheToolName() {
    Message result = Message.tool("get_weather", "11 degrees celsius");

    assertThat(result.role()).isSameAs(Role.TOOL);
    assertThat(result.toolName()).contains("get_weather");
    assertThat(Json.toTree(result))
        .isEqualTo(
            MockOllama.json(
                """
                {"role":"tool","content":"11 degrees celsius","tool_name":"get_weather"}
                """));
  }

  @Test
  void blankToolNameIsRejected() {
    assertThatThrownBy(() -> Message.tool(" ", "11"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("toolName must not be blank");
  }

  @Test
  void userMessageSendsImagesAsBareBase64() {
    Message message =
        Message.user(
            "two images",
            Image.of(new byte[] {1, 2, 3}),
            Image.fromBase64("data:image/png;base64,BAUG"));

    assertThat(Json.toTree(message).get("images"))
        .isEqualTo(MockOllama.json("[\"AQID\",\"BAUG\"]"));
  }

  @Test
  void nullContentIsRejectedByName() {
    assertThatThrownBy(() -> Message.user(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("content");
  }

  @Test
  void constructorTurnsNullsIntoEmptyValues() {
    Message message = new Message(Role.ASSISTANT, null, null, null, null, null);

    assertThat(message.content()).isEmpty();
    assertThat(message.thinking()).isEmpty();
    assertThat(message.images()).isEmpty();
    assertThat(message.toolCalls()).isEmpty();
    assertThat(message.toolName()).isEmpty();
    assertThat(Json.toTree(message))
        .isEqualTo(MockOllama.json("{\"role\":\"assistant\",\"content\":\"\"}"));
  }

  @Test
  void contentAsParsesStructuredOutputIntoARecord() {
    record Country(String name, String capital, List<String> languages) {}
    Message answer =
        Message.assistant(
            "{\"name\":\"Canada\",\"capital\":\"Ottawa\",\"languages\":[\"English\",\"French\"],"
                + "\"population\":40000000}");

    assertThat(answer.contentAs(Country.class))
        .isEqualTo(new Country("Canada", "Ottawa", List.of("English", "French")));
  }

  @Test
  void contentAsFailsWithAPreviewWhenTheContentIsNotJson() {
    record Country(String name) {}

    assertThatThrownBy(() -> Message.assistant("Sure! Here is the JSON").contentAs(Country.class))
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("chat message content is not a JSON Country")
        .hasMessageContaining("Sure! Here is the JSON");
  }

  @Test
  void knownRolesAreTheConstants() {
    assertThat(Role.of("system")).isSameAs(Role.SYSTEM);
    assertThat(Role.of("user")).isSameAs(Role.USER);
    assertThat(Role.of("assistant")).isSameAs(Role.ASSISTANT);
    assertThat(Role.of("tool")).isSameAs(Role.TOOL);
    assertThat(Role.TOOL.isKnown()).isTrue();
  }

  @Test
  void unknownRoleKeepsItsTextAndEqualsItself() {
    Role role = Role.of("developer");

    assertThat(role.isKnown()).isFalse();
    assertThat(role).isEqualTo(Role.of("developer")).isNotEqualTo(Role.USER);
    assertThat(Json.toTree(new Message(role, "x", null, null, null, null)))
        .isEqualTo(MockOllama.json("{\"role\":\"developer\",\"content\":\"x\"}"));
  }

  @Test
  void blankRoleIsRejected() {
    assertThatThrownBy(() -> Role.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role must not be blank");
  }
}
