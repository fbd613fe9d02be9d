package io.github.ollamaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import java.util.stream.Stream;
import org.example.CallersOwnType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A caller's own mapper reads Ollama's answers through their own creators, exactly as the client
 * does; {@link OllamaJson#module()} makes a strict mapper skip the fields Ollama adds later in
 * those answers, and in nothing else.
 */
class OllamaJsonModuleTest {
  private static final String CHAT =
      "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-06-04T14:38:31.83753-07:00\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"hmm\","
          + "\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"index\":0,\"name\":\"get_weather\","
          + "\"arguments\":{\"city\":\"Tokyo\"}}}]},"
          + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4935886791,"
          + "\"prompt_eval_count\":26,\"eval_count\":237,\"eval_duration\":4289432000,"
          + "\"logprobs\":[{\"token\":\"a\",\"logprob\":-0.5,\"bytes\":[97]}]}";
  private static final String GENERATE =
      "{\"model\":\"llama3.2\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
          + "\"response\":\"The sky is blue\",\"thinking\":\"why\",\"done\":true,"
          + "\"done_reason\":\"length\",\"context\":[1,2,3],\"eval_count\":5,"
          + "\"remote_model\":\"gpt-oss:120b\",\"remote_host\":\"https://ollama.com:443\"}";
  private static final String MESSAGE =
      "{\"role\":\"tool\",\"content\":\"22 C\",\"tool_name\":\"get_weather\","
          + "\"tool_call_id\":\"call_1\",\"images\":[\"aGVsbG8=\"]}";
  private static final String TOOL_CALL =
      "{\"id\":\"call_2\",\"function\":{\"index\":1,\"name\":\"add\",\"arguments\":{\"a\":1}}}";

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(CHAT, ChatResponse.class),
        Arguments.of(GENERATE, GenerateResponse.class),
        Arguments.of(MESSAGE, Message.class),
        Arguments.of(TOOL_CALL, ToolCall.class));
  }

  /** The answer with a field that Ollama might add in a later release. */
  private static String withAFieldAddedLater(String json) {
    return "{\"added_later\":{\"x\":[1]}," + json.substring(1);
  }

  @ParameterizedTest
  @MethodSource("answers")
  void aMapperWithTheModuleReadsAsTheClientDoes(String json, Class<?> type) throws Exception {
    ObjectMapper mapper = new ObjectMapper().registerModule(OllamaJson.module());

    Object read = mapper.readValue(withAFieldAddedLater(json), type);

    assertThat(read).isEqualTo(OllamaJson.read(json, type));
    assertThat(read.toString()).doesNotContain("null");
  }

  @ParameterizedTest
  @MethodSource("answers")
  void aLenientMapperReadsTheAnswersThroughTheirCreatorsWithoutTheModule(String json, Class<?> type)
      throws Exception {
    ObjectMapper lenient =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    assertThat(lenient.readValue(withAFieldAddedLater(json), type))
        .isEqualTo(OllamaJson.read(json, type));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void aStrictMapperWithoutTheModuleRefusesAFieldAddedLater(String json, Class<?> type) {
    ObjectMapper strict = new ObjectMapper();

    assertThatThrownBy(() -> strict.readValue(withAFieldAddedLater(json), type))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("added_later");
  }

  @Test
  void theModuleLeavesTheCallersOwnTypesStrict() {
    ObjectMapper mapper = new ObjectMapper().registerModule(OllamaJson.module());

    assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"typo\":1}", CallersOwnType.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("typo");
  }
}
