package io.github.ollamaclient.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Cold start without the SDK: run in a fresh JVM, it makes the same chat call with plain OkHttp +
 * Jackson (request and answer records) to the server at {@code args[0]} and prints the milliseconds
 * from JVM start to the decoded answer.
 */
public final class ColdStartPlain {
  private ColdStartPlain() {}

  /** Makes the call and prints the elapsed milliseconds. */
  public static void main(String[] args) throws IOException {
    OkHttpClient http = new OkHttpClient();
    String content;
    byte[] body =
        Plain.toBytes(
            new Plain.ChatRequest(
                Payloads.MODEL, List.of(new Plain.ChatMessage("user", Payloads.QUESTION)), false));
    try (Response response = http.newCall(Plain.post(args[0], "/api/chat", body)).execute()) {
      content =
          Plain.MAPPER
              .readValue(response.body().byteStream(), Plain.ChatAnswer.class)
              .message()
              .content();
    }
    Plain.shutdown(http);
    long now = System.currentTimeMillis();
    long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    if (!Payloads.SMALL_CHAT_CONTENT.equals(content)) {
      throw new IllegalStateException("unexpected answer: " + content);
    }
    System.out.println(now - startedAt);
  }
}
