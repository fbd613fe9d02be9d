package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} is read in both of its forms, and nonsense is ignored. */
class RetryAfterTest {
  @Test
  void secondsAreADuration() {
    assertThat(Retries.parseRetryAfter("7", null)).isEqualTo(Duration.ofSeconds(7));
    assertThat(Retries.parseRetryAfter(" 0 ", null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void httpDateIsTakenRelativeToTheAnswersDateHeader() {
    assertThat(
            Retries.parseRetryAfter(
                "Wed, 21 Oct 2015 07:28:30 GMT", "Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void httpDateInThePastMeansAtOnce() {
    assertThat(Retries.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", null))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void unreadableOrAbsentValueIsNone() {
    assertThat(Retries.parseRetryAfter(null, null)).isNull();
    assertThat(Retries.parseRetryAfter("", null)).isNull();
    assertThat(Retries.parseRetryAfter("soon", null)).isNull();
    assertThat(Retries.parseRetryAfter("-5", null)).isNull();
  }

  @Test
  void absurdlyLongSecondsAreCappedNotOverflowed() {
    assertThat(Retries.parseRetryAfter("99999999999999999999999", null))
        .isEqualTo(Duration.ofDays(1));
    assertThat(Retries.parseRetryAfter("2147483648", null)).isEqualTo(Duration.ofDays(1));
    assertThat(Retries.parseRetryAfter("86401", null)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void leadingZerosAreJustZeros() {
    assertThat(Retries.parseRetryAfter("00000000000000000000007", null))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(Retries.parseRetryAfter("0000000000000000", null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aFarFutureDateIsCappedToo() {
    assertThat(Retries.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", null))
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void fractionsAreUnreadable() {
    assertThat(Retries.parseRetryAfter("1.5", null)).isNull();
  }
}
