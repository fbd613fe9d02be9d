package io.github.ollamaclient.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps a {@code Retry-After} of more seconds than an int holds away from OkHttp. OkHttp reads the
 * header of a 503 or 408 itself, to decide whether to resend at once, with {@code Integer.valueOf}:
 * a value of 2147483648 or more threw {@code NumberFormatException} out of every call, and killed
 * the dispatcher thread of an asynchronous one. As a network interceptor this sees the answer
 * before OkHttp's retry step does, and writes such a value as the largest an int holds, which means
 * the same (not soon); the client's own reading caps the wait anyway ({@link
 * Retries#parseRetryAfter}).
 */
final class RetryAfterClamp implements Interceptor {
  static final RetryAfterClamp INSTANCE = new RetryAfterClamp();

  private RetryAfterClamp() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String value = response.header("Retry-After");
    // OkHttp parses only all-digit values; anything else it takes as "not soon" by itself.
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return response;
    }
    try {
      Integer.parseInt(value);
      return response;
    } catch (NumberFormatException tooLarge) {
      return response.newBuilder().header("Retry-After", String.valueOf(Integer.MAX_VALUE)).build();
    }
  }
}
