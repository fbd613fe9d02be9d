package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.generate.GenerateResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerateFastPathTest {
  private final LineDecoderCheck<GenerateResponse> check =
      new LineDecoderCheck<>(GenerateWire.fastPath(), GenerateResponse.class);

  private static String chunk(String model, String response) {
    ObjectNode line = WireJson.MAPPER.createObjectNode();
    line.put("model", model);
    line.put("created_at", "2023-08-04T19:22:45.499127Z");
    line.put("response", response);
    line.put("done", false);
    return line.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
            + "\"response\":\"The\",\"done\":false}",
        " { \"done\" : false , \"response\" : \"\\n\\u00e9 日本語 🌅\" , \"model\" : \"m\" } ",
        "{\"response\":\"\"}",
        "{\"model\":\"m\",\"remote_model\":\"r\",\"remote_host\":\"https://ollama.com:443\","
            + "\"response\":\"x\",\"done\":false}",
        "{\"model\":\"m\",\"response\":\"\",\"thinking\":\"hmm\",\"done\":false}",
        "{}"
      })
  void readsTheUsualChunksAsJacksonDoes(String line) {
    check.readsAsJackson(line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"model\":\"m\",\"response\":\"\",\"done\":true,\"context\":[1,2],\"total_duration\":1}",
        "{\"model\":\"m\",\"response\":\"x\",\"logprobs\":[]}",
        "{\"model\":\"m\",\"response\":null}",
        "{\"model\":\"m\",\"response\":7}",
        "{\"model\":\"m\",\"message\":{\"content\":\"x\"}}",
        "{\"error\":\"boom\"}",
        "{\"model\":\"m\",\"response\":\"x\",}",
        "null"
      })
  void declinesEverythingElse(String line) {
    assertThat(check.fast(line)).isNull();
  }

  @Test
  void readsAnyTextAsJacksonDoes() {
    check.readsAnyTextAsJackson(text -> chunk("llama3.2", text), GenerateResponse::response);
  }

  @Test
  void neverDisagreesWithJacksonOnADamagedLine() {
    check.neverDisagreesOnDamagedLines(i -> chunk("m", "a\"b\\c/d é 🌅 " + i));
  }
}
