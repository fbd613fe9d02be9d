package io.github.ollamaclient.benchmarks;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import java.lang.management.ManagementFactory;

/**
 * Cold start through the SDK: run in a fresh JVM, it makes one chat call to the server at {@code
 * args[0]} and prints the milliseconds from JVM start to the decoded answer.
 */
public final class ColdStartSdk {
  private ColdStartSdk() {}

  /** Makes the call and prints the elapsed milliseconds. */
  public static void main(String[] args) {
    String content;
    try (OllamaClient client = OllamaClient.builder().baseUrl(args[0]).build()) {
      ChatResponse reply =
          client.chat(
              ChatRequest.builder(Payloads.MODEL).message(Message.user(Payloads.QUESTION)).build());
      content = reply.message().content();
    }
    // Read the clock before the management classes load, so their loading is not counted.
    long now = System.currentTimeMillis();
    long startedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
    if (!Payloads.SMALL_CHAT_CONTENT.equals(content)) {
      throw new IllegalStateException("unexpected answer: " + content);
    }
    System.out.println(now - startedAt);
  }
}
