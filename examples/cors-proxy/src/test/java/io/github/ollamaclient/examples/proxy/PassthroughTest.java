package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PassthroughTest extends ProxyTestBase {

  @Test
  void streamsChatByDefaultInOllamasWireShape() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("こんにちは世界").withTokenSize(3));

    HttpResponse<String> response =
        post(
            "/api/chat",
            """
            {"model": "%s", "messages": [{"role": "user", "content": "挨拶して"}],
             "options": {"temperature": 0.2}, "keep_alive": "5m"}
            """
                .formatted(DEFAULT_MODEL));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/x-ndjson");
    String[] lines = response.body().split("\n");
    assertThat(lines).hasSize(4);
    JsonNode first = json(lines[0]);
    assertThat(first.path("model").asText()).isEqualTo(DEFAULT_MODEL);
    assertThat(first.path("created_at").asText()).endsWith("Z");
    assertThat(first.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(first.path("message").path("content").asText()).isEqualTo("こんに");
    assertThat(first.path("done").asBoolean()).isFalse();
    JsonNode last = json(lines[3]);
    assertThat(last.path("done").asBoolean()).isTrue();
    assertThat(last.path("done_reason").asText()).isEqualTo("stop");
    assertThat(last.path("total_duration").isIntegralNumber()).isTrue();
    assertThat(last.path("eval_count").asInt()).isPositive();
    // What reached Ollama went through the SDK: typed, re-serialised, stream decided by the proxy.
    JsonNode sent = ollama.lastRequest().body();
    assertThat(sent.path("stream").asBoolean()).isTrue();
    assertThat(sent.path("options").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.path("keep_alive").asText()).isEqualTo("5m");
    assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("挨拶して");
  }

  @Test
  void answersChatWithOneObjectWhenStreamIsFalse() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("whole"));

    HttpResponse<String> response =
        post(
            "/api/chat",
            "{\"model\": \"%s\", \"stream\": false, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"
                .formatted(DEFAULT_MODEL));

    JsonNode answer = json(response.body());
    assertThat(answer.path("message").path("content").asText()).isEqualTo("whole");
    assertThat(answer.path("done").asBoolean()).isTrue();
    // The page gets one object; the SDK streams from Ollama and joins, so no timeout cuts it off.
    assertThat(ollama.lastRequest().stream()).isTrue();
  }

  @Test
  void passesADebugRenderOnlyRequestOnAndOllamasRenderedPromptBack() throws Exception {
    // Ollama answers "_debug_render_only" with the prompt it would have given the model.
    String chat =
        "{\"model\": \"%s\", \"_debug_render_only\": true, \"stream\": %s,"
            + " \"messages\": [{\"role\": \"user\", \"content\": \"Why?\"}]}";
    String rendered =
        "<|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n";

    JsonNode whole = json(post("/api/chat", chat.formatted(DEFAULT_MODEL, false)).body());
    assertThat(ollama.lastRequest().body().path("_debug_render_only").asBoolean()).isTrue();
    String[] streamed = post("/api/chat", chat.formatted(DEFAULT_MODEL, true)).body().split("\n");
    JsonNode generated =
        json(
            post(
                    "/api/generate",
                    "{\"model\": \"%s\", \"prompt\": \"Why?\", \"_debug_render_only\": true,"
                            .formatted(DEFAULT_MODEL)
                        + " \"stream\": false}")
                .body());

    assertThat(whole.path("_debug_info").path("rendered_template").asText()).isEqualTo(rendered);
    assertThat(whole.path("_debug_info").has("image_count")).as("omitempty, as Ollama").isFalse();
    assertThat(whole.path("done").asBoolean()).isFalse();
    assertThat(streamed).hasSize(1);
    assertThat(json(streamed[0]).path("_debug_info")).isEqualTo(whole.path("_debug_info"));
    assertThat(generated.path("_debug_info").path("rendered_template").asText())
        .isEqualTo(rendered);
  }

  @Test
  void passesTheFieldsOfOllama033OnToOllama() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("ok"));

    HttpResponse<String> response =
        post(
            "/api/chat",
            """
            {"model": "%s", "stream": false, "truncate": false, "shift": true,
             "messages": [{"role": "user", "content": "weather?"},
               {"role": "tool", "content": "22", "tool_name": "weather",
                "tool_call_id": "call_1"}]}
            """
                .formatted(DEFAULT_MODEL));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode sent = ollama.lastRequest().body();
    assertThat(sent.path("truncate").isBoolean()).isTrue();
    assertThat(sent.path("truncate").asBoolean()).isFalse();
    assertThat(sent.path("shift").asBoolean()).isTrue();
    assertThat(sent.path("messages").get(1).path("tool_call_id").asText()).isEqualTo("call_1");
  }

  @Test
  void passesToolCallsBackInTheWireShape() throws Exception {
    ollama
        .model(DEFAULT_MODEL)
        .reply(Reply.toolCall("get_weather", java.util.Map.of("city", "Tokyo")));

    HttpResponse<String> response =
        post(
            "/api/chat",
            """
            {"model": "%s", "stream": false,
             "messages": [{"role": "user", "content": "weather in Tokyo?"}],
             "tools": [{"type": "function", "function": {"name": "get_weather",
               "description": "weather", "parameters": {"type": "object",
               "properties": {"city": {"type": "string"}}}}}]}
            """
                .formatted(DEFAULT_MODEL));

    JsonNode call = json(response.body()).path("message").path("tool_calls").get(0);
    assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(call.path("function").path("arguments").path("city").asText()).isEqualTo("Tokyo");
    assertThat(ollama.lastRequest().tools()).hasSize(1);
  }

  @Test
  void generatesStreamedAndWhole() throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("generated text"));

    HttpResponse<String> streamed =
        post("/api/generate", "{\"model\": \"%s\", \"prompt\": \"go\"}".formatted(DEFAULT_MODEL));
    String[] lines = streamed.body().split("\n");
    assertThat(lines.length).isGreaterThan(1);
    assertThat(json(lines[0]).path("response").asText()).isEqualTo("gene");

    HttpResponse<String> whole =
        post(
            "/api/generate",
            "{\"model\": \"%s\", \"prompt\": \"go\", \"stream\": false, \"system\": \"be brief\"}"
                .formatted(DEFAULT_MODEL));
    JsonNode answer = json(whole.body());
    assertThat(answer.path("response").asText()).isEqualTo("generated text");
    assertThat(answer.path("done_reason").asText()).isEqualTo("stop");
    assertThat(answer.path("context").isArray()).isTrue();
    assertThat(ollama.lastRequest().body().path("system").asText()).isEqualTo("be brief");
  }

  @Test
  void embedsInOllamasWireShape() throws Exception {
    HttpResponse<String> response =
        post("/api/embed", "{\"model\": \"all-minilm\", \"input\": [\"a\", \"b\"]}");

    JsonNode answer = json(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(answer.path("model").asText()).isEqualTo("all-minilm");
    assertThat(answer.path("embeddings")).hasSize(2);
    assertThat(answer.path("embeddings").get(0).get(0).isNumber()).isTrue();
    assertThat(answer.path("prompt_eval_count").isInt()).isTrue();
  }

  @Test
  void listsTagsShowsAModelAndTellsTheVersion() throws Exception {
    JsonNode tags = json(get("/api/tags").body());
    assertThat(tags.path("models").findValuesAsText("name"))
        .contains(DEFAULT_MODEL, "all-minilm:latest");
    JsonNode model = tags.path("models").get(0);
    assertThat(model.path("size").isIntegralNumber()).isTrue();
    assertThat(model.path("details").path("quantization_level").asText()).isNotEmpty();

    JsonNode show = json(post("/api/show", "{\"model\": \"%s\"}".formatted(DEFAULT_MODEL)).body());
    assertThat(show.path("capabilities").toString()).contains("completion");
    assertThat(show.path("model_info").isObject()).isTrue();
    assertThat(show.path("details").path("family").asText()).isNotEmpty();

    assertThat(json(get("/api/version").body()).path("version").asText())
        .isEqualTo(FakeOllama.DEFAULT_VERSION);
  }

  @Test
  void rejectsAnUnknownChatFieldNamingItWithoutCallingOllama() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/chat",
            "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\", \"mood\": 1}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("unknown field \"messages[0].mood\"");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void rejectsAFieldOfTheWrongTypeNamingIt() throws Exception {
    HttpResponse<String> response = post("/api/generate", "{\"model\": \"m\", \"prompt\": 42}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).isEqualTo("prompt must be a string");
  }

  @Test
  void rejectsWhatTheSdkBuilderRejects() throws Exception {
    HttpResponse<String> response = post("/api/chat", "{\"model\": \"m\", \"messages\": []}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("messages must not be empty");
  }

  @Test
  void answers404WithThePullHintForAMissingModel() throws Exception {
    HttpResponse<String> response =
        post("/api/generate", "{\"model\": \"nope:1b\", \"prompt\": \"x\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response)).contains("ollama pull nope:1b").doesNotContain("client.pull");
  }

  @Test
  void neverForwardsTheCallersAuthorizationOrCookieWhenNoKeyIsConfigured() throws Exception {
    // With ollama.api-key set, only that key goes out: ProxyUnderAttackTest.
    HttpResponse<String> response =
        get("/api/version", "Authorization", "Bearer evil", "Cookie", "session=evil");

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest sent = ollama.takeRequest();
    assertThat(sent.header("Cookie")).isEmpty();
    assertThat(sent.headers().values())
        .allSatisfy(values -> assertThat(values).noneMatch(v -> v.contains("evil")));
  }
}
