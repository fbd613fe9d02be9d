package io.github.ollamaclient.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the headers set for one server on that server. OkHttp follows redirects and, when one leads
 * to another host, drops {@code Authorization} but keeps every other header, so a proxy's {@code
 * X-Api-Key} would reach wherever the redirect points. As a network interceptor this sees each
 * request as it goes out, redirects included, and strips the client's headers (all but {@code
 * Accept}, {@code Accept-Encoding} and {@code User-Agent}) from any request whose scheme, host or
 * port is not its transport's.
 */
final class OriginHeaders implements Interceptor {
  static final OriginHeaders INSTANCE = new OriginHeaders();

  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  private OriginHeaders() {}

  /** The origin a transport sends to, and the names of the headers that must not leave it. */
  record Scope(String scheme, String host, int port, List<String> names) {
    static Scope of(HttpUrl baseUrl, Headers headers) {
      List<String> names =
          headers.names().stream()
              .filter(
                  name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return !lower.equals("accept")
                        && !lower.equals("accept-encoding")
                        && !lower.equals("user-agent");
                  })
              .toList();
      return new Scope(baseUrl.scheme(), baseUrl.host(), baseUrl.port(), names);
    }

    boolean contains(HttpUrl url) {
      return scheme.equals(url.scheme()) && host.equals(url.host()) && port == url.port();
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Scope scope = request.tag(Scope.class);
    if (scope == null || scope.contains(request.url()) || scope.names().isEmpty()) {
      return chain.proceed(request);
    }
    Request.Builder stripped = request.newBuilder();
    scope.names().forEach(stripped::removeHeader);
    LOG.debug(
        "redirected from {}://{}:{} to {}: the client's headers stay behind",
        scope.scheme(),
        scope.host(),
        scope.port(),
        request.url().host());
    return chain.proceed(stripped.build());
  }
}
