package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RefusedPathsTest extends ProxyTestBase {

  @ParameterizedTest
  @CsvSource({
    "/api/pull,   ollama pull <model>",
    "/api/push,   ollama push <model>",
    "/api/create, ollama create <model>",
    "/api/copy,   ollama cp <source> <destination>",
    "/api/delete, ollama rm <model>"
  })
  void neverServesModelManagementAndNamesTheCommandThatDoesIt(String path, String command)
      throws Exception {
    HttpResponse<String> response =
        post(path, "{\"model\": \"" + DEFAULT_MODEL + "\"}", "Origin", ALLOWED);

    assertThat(response.statusCode()).isEqualTo(404);
    // Read by a page's developer: the command for that route, where Ollama runs; no Java.
    assertThat(error(response))
        .contains("never changes the models")
        .contains("use `" + command + "` where Ollama runs")
        .doesNotContain("client.");
    assertThat(ollama.requestCount()).isZero();
    assertThat(ollama.modelNames()).contains(DEFAULT_MODEL);
  }

  @Test
  void neverServesBlobs() throws Exception {
    String raw = raw("HEAD", "/api/blobs/sha256:" + "0".repeat(64), "");

    assertThat(raw).startsWith("HTTP/1.1 404");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void refusesDeleteWithTheDeleteMethodToo() throws Exception {
    String raw = raw("DELETE", "/api/delete", "{\"model\": \"" + DEFAULT_MODEL + "\"}");

    assertThat(raw).startsWith("HTTP/1.1 404").contains("{\"error\":");
    assertThat(ollama.modelNames()).contains(DEFAULT_MODEL);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/%64elete",
        "/api/%70ull",
        "/api/../api/pull",
        "/api/chat/../pull",
        "/api/./pull",
        "/api/chat/%2e%2e/pull",
        "/api/chat%2f..%2fpull",
        "//api/pull",
        "/api/pull;x=1",
        "/api/chat;x=1",
        "/API/PULL",
        "/api/chat/"
      })
  void encodedAndDotSegmentVariantsReachNothing(String path) throws Exception {
    String raw = raw("POST", path, "{\"model\": \"" + DEFAULT_MODEL + "\"}");

    assertThat(raw).matches("(?s)HTTP/1\\.1 (400|404).*");
    assertThat(ollama.requestCount()).isZero();
    assertThat(ollama.modelNames()).contains(DEFAULT_MODEL);
  }

  @Test
  void answersAWrongMethodWith405AndTheAllowedOnes() throws Exception {
    HttpResponse<String> response = get("/api/chat");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    assertThat(error(response)).contains("GET is not allowed on /api/chat");
  }

  @Test
  void answersAnUnknownPathWith404Json() throws Exception {
    HttpResponse<String> response = get("/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response)).contains("/nothing-here is not served");
  }
}
