package io.github.ollamaclient.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ollamaclient.contract.OllamaContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plain HTTP against the fake, without the SDK, to see the wire as any client would. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  static HttpResponse<String> get(FakeOllama fake, String path) {
    return send(HttpRequest.newBuilder(uri(fake, path)).GET().build());
  }

  static HttpResponse<String> head(FakeOllama fake, String path) {
    return send(
        HttpRequest.newBuilder(uri(fake, path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static HttpResponse<String> post(FakeOllama fake, String path, String json) {
    return send(postRequest(fake, path, json));
  }

  /** A JSON POST, for {@link #sendUnchecked} when the answer is broken on purpose. */
  static HttpRequest postRequest(FakeOllama fake, String path, String json) {
    return HttpRequest.newBuilder(uri(fake, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  static HttpResponse<String> postBytes(FakeOllama fake, String path, byte[] bytes) {
    return send(
        HttpRequest.newBuilder(uri(fake, path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build());
  }

  static HttpResponse<String> delete(FakeOllama fake, String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(fake, path))
            .method("DELETE", HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /**
   * Sends {@code request}; a 200 answer must fit Ollama's API description ({@link OllamaContract}),
   * every line of a stream included. Tests of deliberately broken answers (faults) use {@link
   * #sendUnchecked}.
   */
  static HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response = sendUnchecked(request);
    if (response.statusCode() == 200) {
      assertThat(
              OllamaContract.get()
                  .responseErrors(
                      request.method(),
                      request.uri().getRawPath(),
                      response.headers().firstValue("Content-Type").orElse(null),
                      response.body()))
          .as("%s %s answer against Ollama's API description", request.method(), request.uri())
          .isEmpty();
    }
    return response;
  }

  /** Sends {@code request}, whatever its answer. */
  static HttpResponse<String> sendUnchecked(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> lines(String ndjson) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(json(line));
      }
    }
    return nodes;
  }

  /**
   * Sends {@code json} to {@code path} over a raw socket with {@code Connection: close} and returns
   * every byte the server sent, headers and chunk framing included, until it closed the socket.
   */
  static String raw(FakeOllama fake, String path, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Connection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      try {
        while ((read = in.read(buffer)) != -1) {
          received.write(buffer, 0, read);
        }
      } catch (java.net.SocketException reset) {
        // A reset also ends the response; what arrived before it is what counts.
      }
      return received.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static URI uri(FakeOllama fake, String path) {
    return URI.create(fake.baseUrl() + path);
  }
}
