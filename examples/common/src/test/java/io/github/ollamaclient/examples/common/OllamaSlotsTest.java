package io.github.ollamaclient.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OllamaSlotsTest {
  @Test
  void givesASlotPerCallUpToTheLimitAndFreesItOnceHoweverOftenClosed() {
    OllamaSlots slots = new OllamaSlots(2, 0, Duration.ZERO);

    OllamaSlots.Slot first = slots.take();
    OllamaSlots.Slot second = slots.take();
    assertThat(slots.available()).isZero();
    first.close();
    first.close();

    assertThat(slots.available()).isOne();
    second.close();
    assertThat(slots.available()).isEqualTo(2);
  }

  @Test
  void refusesAtOnceWhenTheQueueIsFullNamingTheProperties() {
    OllamaSlots slots = new OllamaSlots(1, 0, Duration.ofSeconds(30));
    slots.take();

    assertThatThrownBy(slots::take)
        .isInstanceOfSatisfying(
            OllamaBusyException.class,
            busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(30)))
        .hasMessage(
            "Ollama is busy: 1 request(s) are running (app.max-concurrent) and the queue is full"
                + " (app.queue-size 0); try again in 30 s");
  }

  @Test
  void refusesAWaitingCallWhenNoSlotFreesUpInTime() {
    OllamaSlots slots = new OllamaSlots(1, 1, Duration.ofMillis(50));
    slots.take();

    assertThatThrownBy(slots::take)
        .isInstanceOf(OllamaBusyException.class)
        .hasMessageContaining("no slot freed up within 50 ms (app.queue-timeout)")
        // Under a second of queue is still "wait a second", never "wait 0 s".
        .hasMessageEndingWith("try again in 1 s");
    assertThat(slots.available()).isZero();
  }

  @Test
  void givesAWaitingCallTheSlotAnotherFrees() throws Exception {
    OllamaSlots slots = new OllamaSlots(1, 1, Duration.ofSeconds(10));
    OllamaSlots.Slot held = slots.take();
    CountDownLatch started = new CountDownLatch(1);

    CompletableFuture<OllamaSlots.Slot> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              started.countDown();
              return slots.take();
            });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    held.close();

    waiter.get(5, TimeUnit.SECONDS).close();
    assertThat(slots.available()).isOne();
  }

  @Test
  void refusesAnInterruptedWaitAndKeepsTheInterrupt() {
    OllamaSlots slots = new OllamaSlots(1, 1, Duration.ofSeconds(10));
    slots.take();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(slots::take)
          .isInstanceOf(OllamaBusyException.class)
          .hasMessageContaining("interrupted while it waited");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
