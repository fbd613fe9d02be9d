package io.github.ollamaclient.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.error.OllamaSigninRequiredException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusAndMeTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @Test
  void statusGetsApiStatusAndDecodesTheCloudState() {
    ollama.enqueueJson("{\"cloud\":{\"disabled\":true,\"source\":\"env\"}}");

    StatusResponse status = ollama.client().status();

    assertThat(status.cloud()).isEqualTo(new CloudStatus(true, "env"));
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo("/api/status");
    assertThat(request.getBody()).isNull();
  }

  @Test
  void statusWithoutFieldsMeansCloudOn() {
    ollama.enqueueJson("{\"cloud\":{}}");
    assertThat(ollama.client().status().cloud()).isEqualTo(new CloudStatus(false, ""));

    ollama.enqueueJson("{}");
    assertThat(ollama.client().status().cloud()).isEqualTo(CloudStatus.ENABLED);
  }

  @Test
  void statusFromAServerWithoutTheRouteIsA404() {
    ollama.enqueueJson(404, "404 page not found");

    assertThatThrownBy(() -> ollama.client().status())
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
        .hasMessageContaining("GET /api/status");
  }

  @Test
  void mePostsAnEmptyBodyAndDecodesTheAccount() {
    ollama.enqueueJson(
        """
        {"id": "8f14e45f-ceea-467f-a0e6-4f9d5b6e2c11", "email": "mario@example.com",
         "name": "mario", "bio": "It's-a me", "avatarurl": "https://ollama.com/avatar/mario.png",
         "firstname": "Mario", "lastname": "Mario", "plan": "pro"}
        """);

    UserResponse me = ollama.client().me();

    assertThat(me)
        .isEqualTo(
            new UserResponse(
                "8f14e45f-ceea-467f-a0e6-4f9d5b6e2c11",
                "mario@example.com",
                "mario",
                "It's-a me",
                "https://ollama.com/avatar/mario.png",
                "Mario",
                "Mario",
                "pro"));
    RecordedRequest request = ollama.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/me");
    assertThat(request.getBody().size()).isZero();
  }

  @Test
  void absentAccountFieldsAreEmptyStrings() {
    ollama.enqueueJson("{\"id\":\"8f14e45f-ceea-467f-a0e6-4f9d5b6e2c11\",\"name\":\"luigi\"}");

    UserResponse me = ollama.client().me();

    assertThat(me.name()).isEqualTo("luigi");
    assertThat(me.email()).isEmpty();
    assertThat(me.bio()).isEmpty();
    assertThat(me.avatarUrl()).isEmpty();
    assertThat(me.firstName()).isEmpty();
    assertThat(me.lastName()).isEmpty();
    assertThat(me.plan()).isEmpty();
  }

  @Test
  void meOfASignedOutServerSaysHowToSignIn() {
    ollama.enqueueJson(
        401,
        "{\"error\":\"unauthorized\",\"signin_url\":\"https://ollama.com/connect?name=box&key=abc\"}");

    assertThatThrownBy(() -> ollama.client().me())
        .isInstanceOfSatisfying(
            OllamaSigninRequiredException.class,
            e -> {
              assertThat(e.signinUrl()).isEqualTo("https://ollama.com/connect?name=box&key=abc");
              assertThat(e.model()).isEmpty();
            })
        .hasMessageContaining("POST /api/me failed with HTTP 401")
        .hasMessageContaining("ollama signin");
  }

  @Test
  void meAnsweredWithNullIsAProtocolError() {
    // The server answers JSON null when it could not ask ollama.com at all.
    ollama.enqueueJson("null");

    assertThatThrownBy(() -> ollama.client().me())
        .isInstanceOf(OllamaProtocolException.class)
        .hasMessageContaining("/api/me");
  }

  @Test
  void meDoesNotNeedTheClientsApiKey() {
    ollama.enqueueJson("{\"name\":\"mario\"}");

    // The mock's environment is empty: no key, no Authorization header; the call still goes.
    try (OllamaClient client = ollama.newClientBuilder().build()) {
      assertThat(client.me().name()).isEqualTo("mario");
    }
    assertThat(ollama.takeRequest().getHeaders().get("Authorization")).isNull();
  }
}
