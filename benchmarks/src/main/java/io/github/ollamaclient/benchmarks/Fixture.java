package io.github.ollamaclient.benchmarks;

import io.github.ollamaclient.OllamaClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;

/**
 * One benchmark's world: the payload server, an SDK client and a plain OkHttp client pointed at it.
 * Each benchmark class holds one in its JMH state, opened in setup and closed in tear-down.
 */
public final class Fixture implements AutoCloseable {
  private final PayloadServer server;
  private final OllamaClient client;
  private final OkHttpClient http;

  private Fixture(PayloadServer server) {
    this.server = server;
    this.client = OllamaClient.builder().baseUrl(server.baseUrl()).build();
    this.http = new OkHttpClient();
  }

  /** Starts a server of the shared {@link Payloads} and the two clients. */
  public static Fixture open() {
    try {
      return new Fixture(PayloadServer.start(Payloads.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's base URL. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The payload server, to add answers to. */
  public PayloadServer server() {
    return server;
  }

  /** The SDK client. */
  public OllamaClient client() {
    return client;
  }

  /** The plain OkHttp client of the floors. */
  public OkHttpClient http() {
    return http;
  }

  @Override
  public void close() {
    client.close();
    Plain.shutdown(http);
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
