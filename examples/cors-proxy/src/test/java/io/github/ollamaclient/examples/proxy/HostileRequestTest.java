package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.Reply;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests written to get past the proxy's caps: numbers that wrap, text outside the counted
 * fields, a context or keep-alive that reloads, pins or unloads a model. Each is refused with a 400
 * naming the field and the limit, and nothing reaches Ollama; what is within the caps passes.
 */
@TestPropertySource(
    properties = {
      "app.max-num-predict=64",
      "app.max-prompt-chars=50",
      "app.max-num-ctx=4096",
      "app.min-keep-alive=1m",
      "app.max-keep-alive=30m"
    })
class HostileRequestTest extends ProxyTestBase {
  private static final String MESSAGES =
      "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]";

  private static String chatWith(String fields) {
    return "{\"model\": \"" + DEFAULT_MODEL + "\", \"stream\": false, " + MESSAGES + fields + "}";
  }

  private void assertRefused(HttpResponse<String> response, String... words) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(error(response)).contains(words);
    assertThat(ollama.requestCount()).as("nothing reached Ollama").isZero();
  }

  @ParameterizedTest(name = "num_predict {0}")
  @ValueSource(
      strings = {
        "18446744073709551716", // 2^64 + 100: longValue() wraps it to 100
        "9223372036854775908", // 2^63 + 100
        "4294967396", // 2^32 + 100: intValue() wraps it to 100
        "-1",
        "-2",
        "65",
        "1.5",
        "100.0",
        "1e2",
        "\"10\"",
        "true",
        "[10]"
      })
  void refusesANumPredictThatIsNotAnIntegerWithinTheCap(String value) throws Exception {
    HttpResponse<String> response =
        post("/api/chat", chatWith(", \"options\": {\"num_predict\": " + value + "}"));

    assertRefused(
        response,
        "options.num_predict must be an integer from 0 to 64 (app.max-num-predict), was ");
  }

  @ParameterizedTest(name = "num_ctx {0}")
  @ValueSource(strings = {"1000000", "4097", "18446744073709551716", "0", "-1", "2048.5", "\"8k\""})
  void refusesANumCtxOverTheCapOrNotAnInteger(String value) throws Exception {
    HttpResponse<String> response =
        post("/api/chat", chatWith(", \"options\": {\"num_ctx\": " + value + "}"));

    assertRefused(
        response, "options.num_ctx must be an integer from 1 to 4096 (app.max-num-ctx), was ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/generate", "/api/embed"})
  void capsNumCtxOnGenerateAndEmbedToo(String path) throws Exception {
    String body =
        path.equals("/api/embed")
            ? "{\"model\": \"all-minilm\", \"input\": \"a\", \"options\": {\"num_ctx\": 1000000}}"
            : "{\"model\": \""
                + DEFAULT_MODEL
                + "\", \"prompt\": \"hi\", \"options\": {\"num_ctx\": 1000000}}";

    assertRefused(post(path, body), "options.num_ctx", "app.max-num-ctx");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "\"num_batch\": 100000",
        "\"num_gpu\": 0",
        "\"main_gpu\": 1",
        "\"use_mmap\": false",
        "\"num_thread\": 1",
        "\"draft_num_predict\": 100000"
      })
  void refusesTheOptionsThatChangeHowTheServerLoadsTheModel(String option) throws Exception {
    String name = option.substring(1, option.indexOf('"', 1));

    HttpResponse<String> response = post("/api/chat", chatWith(", \"options\": {" + option + "}"));

    assertRefused(response, "options." + name + " is not accepted by this proxy");
  }

  @ParameterizedTest(name = "keep_alive {0}")
  @ValueSource(strings = {"-1", "0", "\"-1m\"", "\"0s\"", "\"1ns\"", "30", "\"2h\"", "1801"})
  void refusesAKeepAliveThatPinsOrUnloadsTheModel(String value) throws Exception {
    HttpResponse<String> response = post("/api/chat", chatWith(", \"keep_alive\": " + value));

    assertRefused(
        response,
        "keep_alive must be from 1m to 30m (app.min-keep-alive, app.max-keep-alive), was ");
  }

  @ParameterizedTest(name = "keep_alive {0}")
  @ValueSource(strings = {"\"5m\"", "60", "\"30m\"", "1800"})
  void passesAKeepAliveWithinTheBounds(String value) throws Exception {
    ollama.model(DEFAULT_MODEL).reply(Reply.text("ok"));

    HttpResponse<String> response =
        post(
            "/api/chat",
            chatWith(", \"keep_alive\": " + value + ", \"options\": {\"num_ctx\": 4096}"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(ollama.lastRequest().body().path("options").path("num_ctx").asInt()).isEqualTo(4096);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          generate system    | /api/generate | {"model": "%s", "prompt": "hi", "system": "%s"}
          generate suffix    | /api/generate | {"model": "%s", "prompt": "hi", "suffix": "%s"}
          generate template  | /api/generate | {"model": "%s", "prompt": "hi", "template": "%s"}
          generate format    | /api/generate | {"model": "%s", "prompt": "hi", "format": {"description": "%s"}}
          message thinking   | /api/chat     | {"model": "%s", "messages": [{"role": "assistant", "content": "", "thinking": "%s"}]}
          tool call argument | /api/chat     | {"model": "%s", "messages": [{"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "f", "arguments": {"a": "%s"}}}]}]}
          tool description   | /api/chat     | {"model": "%s", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f", "description": "%s"}}]}
          tool parameters    | /api/chat     | {"model": "%s", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "description": "%s"}}}]}
          embed input        | /api/embed    | {"model": "%s", "input": "%s"}
          embed inputs       | /api/embed    | {"model": "%s", "input": ["a", "%s"]}
          """)
  void countsEveryTextTheRequestCarries(String what, String path, String template)
      throws Exception {
    String model = path.equals("/api/embed") ? "all-minilm" : DEFAULT_MODEL;

    HttpResponse<String> response = post(path, template.formatted(model, "x".repeat(100)));

    assertRefused(response, "characters, more than this proxy takes (app.max-prompt-chars 50)");
  }
}
