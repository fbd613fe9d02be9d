package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private final JsonBytes in = new JsonBytes();

  /** What the general path answers for {@code text}: an Instant, or "refused". */
  private static Object general(String text) {
    try {
      return Json.instant(text);
    } catch (RuntimeException e) {
      return "refused";
    }
  }

  /** The fast path's reading of {@code text} as a JSON string: an Instant, or "refused". */
  private Object read(String text) {
    byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
    in.reset(bytes, 0, bytes.length);
    assertThat(in.next()).isEqualTo('"');
    Object read = in.instant();
    return read == null ? "refused" : read;
  }

  @Test
  void readsTimestampsOfOneMinuteAsTheGeneralPathDoes() {
    List<String> texts = new ArrayList<>();
    String minute = "2025-10-02T14:03:";
    for (String seconds : new String[] {"00", "07", "59", "60", "61", "5", "5a", "ab"}) {
      for (String fraction :
          new String[] {"", ".", ".1", ".123456", ".123456789", ".1234567891", ".12a"}) {
        for (String zone :
            new String[] {
              "Z", "z", "+00:00", "-07:00", "+05:30", "+18:00", "-18:00", "+18:01", "+19:00",
              "+05:60", "+5:30", "+05-30", "+05:3", "", "ZZ", " Z"
            }) {
          texts.add(minute + seconds + fraction + zone);
        }
      }
    }
    // A timestamp of the minute first, so that the rest are read on the same-minute path.
    read(minute + "00Z");
    for (String text : texts) {
      assertThat(read(text)).as(text).isEqualTo(general(text));
    }
  }

  @Test
  void followsTheMinuteAsItChanges() {
    Random random = new Random(9);
    long start = java.time.Instant.parse("2024-02-28T23:58:00Z").getEpochSecond();
    for (int i = 0; i < 5_000; i++) {
      // Mostly forward in small steps, as a stream goes, sometimes a jump back or ahead.
      long at = start + (random.nextInt(10) == 0 ? random.nextInt(400_000) : i * 7L);
      String text =
          java.time.OffsetDateTime.ofInstant(
                  java.time.Instant.ofEpochSecond(at, random.nextInt(1_000_000_000)),
                  java.time.ZoneOffset.ofHoursMinutes(random.nextInt(3) - 1, 0))
              .toString();
      assertThat(read(text)).as(text).isEqualTo(general(text));
    }
  }
}
