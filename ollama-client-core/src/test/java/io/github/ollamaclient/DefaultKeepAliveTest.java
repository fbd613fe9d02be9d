package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.internal.ApiCall;
import io.github.ollamaclient.internal.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DefaultKeepAliveTest {
  @RegisterExtension
  final MockOllama ollama =
      new MockOllama(builder -> builder.defaultKeepAlive(KeepAlive.of(Duration.ofMinutes(30))));

  private JsonNode post(String path, JsonNode body) {
    ollama.enqueueJson("{}");
    ollama.client().transport().execute(ApiCall.post(path, body, "m"), JsonNode.class);
    return ollama.takeJsonBody();
  }

  @Test
  void isAddedToModelRequestsThatSetNone() {
    JsonNode sent = post("/api/chat", Json.object().put("model", "m"));

    assertThat(sent).isEqualTo(MockOllama.json("{\"model\":\"m\",\"keep_alive\":\"30m\"}"));
  }

  @Test
  void neverReplacesTheRequestsOwnValue() {
    JsonNode sent = post("/api/generate", Json.object().put("model", "m").put("keep_alive", 0));

    assertThat(sent.get("keep_alive").asInt()).isZero();
  }

  @Test
  void isNotSentToEndpointsWithoutAModelLoad() {
    JsonNode sent = post("/api/show", Json.object().put("model", "m"));

    assertThat(sent.has("keep_alive")).isFalse();
  }
}
