package io.github.ollamaclient.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract itself: it must refuse what Ollama would not understand, or it checks nothing. */
class OllamaContractTest {
  private final OllamaContract contract = OllamaContract.get();

  private static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false,"
          + "\"keep_alive\":\"5m\"}";

  @ParameterizedTest
  @CsvSource({
    "POST, /api/generate",
    "POST, /api/chat",
    "POST, /api/embed",
    "POST, /api/show",
    "POST, /api/create",
    "POST, /api/copy",
    "POST, /api/pull",
    "POST, /api/push",
    "DELETE, /api/delete",
    "GET, /api/tags",
    "GET, /api/ps",
    "GET, /api/version",
    "GET, /api/status",
    "POST, /api/me",
    "POST, /api/experimental/web_search",
    "POST, /api/experimental/web_fetch",
    "GET, /api/experimental/model-recommendations"
  })
  void describesEveryRouteTheClientSendsJsonTo(String method, String path) {
    assertThat(contract.describes(method, path)).isTrue();
  }

  @Test
  void acceptsAPlainChatRequest() {
    assertThat(contract.requestErrors("POST", "/api/chat", CHAT)).isEmpty();
  }

  @Test
  void refusesAMisspeltFieldName() {
    assertThat(contract.requestErrors("POST", "/api/chat", CHAT.replace("keep_alive", "keepAlive")))
        .singleElement()
        .asString()
        .contains("keepAlive");
  }

  @Test
  void refusesAMisspeltFieldInsideAMessage() {
    assertThat(contract.requestErrors("POST", "/api/chat", CHAT.replace("content", "contents")))
        .isNotEmpty();
  }

  @Test
  void refusesAValueOfTheWrongType() {
    assertThat(contract.requestErrors("POST", "/api/chat", CHAT.replace("false", "\"no\"")))
        .isNotEmpty();
  }

  @Test
  void acceptsTheFieldsOfTheSupplement() {
    String toolResult =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"21\","
            + "\"tool_name\":\"temp\",\"tool_call_id\":\"call_1\"}]}";

    assertThat(contract.requestErrors("POST", "/api/chat", toolResult)).isEmpty();
    String toolWithItems =
        "{\"model\":\"m\",\"messages\":[],\"tools\":[{\"type\":\"function\","
            + "\"items\":{\"type\":\"string\"},\"function\":{\"name\":\"f\",\"parameters\":{}}}]}";
    assertThat(contract.requestErrors("POST", "/api/chat", toolWithItems)).isEmpty();
    assertThat(
            contract.requestErrors(
                "POST",
                "/api/show",
                "{\"model\":\"m\",\"system\":\"s\",\"options\":{\"num_ctx\":8192}}"))
        .isEmpty();
  }

  @Test
  void checksTheRoutesOfTheSupplement() {
    assertThat(
            contract.responseErrors(
                "GET",
                "/api/status",
                "application/json",
                "{\"cloud\":{\"disabled\":false,\"source\":\"\"}}"))
        .isEmpty();
    assertThat(
            contract.responseErrors(
                "GET", "/api/status", "application/json", "{\"cloud\":{\"disabled\":\"no\"}}"))
        .isNotEmpty();
    assertThat(
            contract.responseErrors(
                "POST",
                "/api/me",
                "application/json",
                "{\"id\":\"x\",\"name\":\"m\",\"avatarUrl\":\"\"}"))
        .isNotEmpty();
    assertThat(
            contract.requestErrors(
                "POST", "/api/experimental/web_search", "{\"query\":\"q\",\"max_results\":3}"))
        .isEmpty();
    assertThat(
            contract.requestErrors(
                "POST", "/api/experimental/web_fetch", "{\"uri\":\"https://x\"}"))
        .isNotEmpty();
    String recommendations =
        "{\"recommendations\":[{\"model\":\"gemma4\",\"description\":\"d\","
            + "\"vram_bytes\":12000000000}]}";
    assertThat(
            contract.responseErrors(
                "GET",
                "/api/experimental/model-recommendations",
                "application/json",
                recommendations))
        .isEmpty();
    assertThat(
            contract.responseErrors(
                "GET",
                "/api/experimental/model-recommendations",
                "application/json",
                recommendations.replace("vram_bytes", "vram")))
        .isNotEmpty();
  }

  @Test
  void keepsFreeFormObjectsOpen() {
    String withOptions =
        "{\"model\":\"m\",\"prompt\":\"hi\",\"options\":{\"num_ctx\":4096,\"some_new_option\":1}}";

    assertThat(contract.requestErrors("POST", "/api/generate", withOptions)).isEmpty();
  }

  @Test
  void checksEachLineOfAStreamedAnswer() {
    String good =
        "{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00Z\",\"response\":\"a\","
            + "\"done\":false}";

    assertThat(contract.responseErrors("POST", "/api/generate", "application/x-ndjson", good))
        .isEmpty();
    assertThat(
            contract.responseErrors(
                "POST",
                "/api/generate",
                "application/x-ndjson",
                good + "\n" + good.replace("response", "reponse")))
        .singleElement()
        .asString()
        .startsWith("stream line 2");
  }

  @Test
  void routesTheSpecDoesNotDescribeAreNotChecked() {
    assertThat(contract.requestErrors("POST", "/api/test", "{\"anything\":1}")).isEmpty();
  }
}
