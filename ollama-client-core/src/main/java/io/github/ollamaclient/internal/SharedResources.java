package io.github.ollamaclient.internal;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The connection pool and dispatcher a client created, shared with the clients derived from it by
 * {@code newBuilder()}: released when the last of them closes, never when the caller supplied the
 * OkHttp client.
 */
public final class SharedResources {
  private final OkHttpClient http;
  private final boolean owned;
  private final AtomicInteger users = new AtomicInteger(1);

  private SharedResources(OkHttpClient http, boolean owned) {
    this.http = http;
    this.owned = owned;
  }

  /** Resources the client created and must release. */
  public static SharedResources owned(OkHttpClient http) {
    return new SharedResources(http, true);
  }

  /** Resources the caller supplied and keeps responsibility for. */
  public static SharedResources borrowed(OkHttpClient http) {
    return new SharedResources(http, false);
  }

  /** The OkHttp client every sharer derives its own from. */
  public OkHttpClient http() {
    return http;
  }

  /** Registers one more client using these resources. */
  public SharedResources acquire() {
    users.incrementAndGet();
    return this;
  }

  /** Unregisters one client; the last one out releases what was created. */
  public void release() {
    if (users.decrementAndGet() == 0 && owned) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
