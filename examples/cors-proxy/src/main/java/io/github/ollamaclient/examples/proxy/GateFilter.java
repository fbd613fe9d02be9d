package io.github.ollamaclient.examples.proxy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one door into the proxy, before Spring MVC sees anything: which paths exist, which origins
 * may call them (CORS, preflight included), and how large a body may be.
 *
 * <p>Paths are matched on the raw request URI, exactly: {@code /api/%64elete}, {@code
 * /api/../api/pull}, {@code /api/chat/../pull} or {@code /api/chat;x} are not {@code /api/chat}, so
 * no encoding or dot-segment trick can reach a handler the allow-list does not name.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class GateFilter extends OncePerRequestFilter {
  /** Every path served, with its methods. Model management is not among them, on purpose. */
  static final Map<String, List<String>> ROUTES = routes();

  private static final String ALLOWED_HEADERS = "Content-Type, Accept";
  private static final Set<String> ALLOWED_HEADER_NAMES = Set.of("content-type", "accept");

  /** The routes that change the models, each with the command that does it on the Ollama host. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "/api/pull", "ollama pull <model>",
          "/api/push", "ollama push <model>",
          "/api/create", "ollama create <model>",
          "/api/copy", "ollama cp <source> <destination>",
          "/api/delete", "ollama rm <model>");

  private final Set<String> allowedOrigins;
  private final long maxAgeSeconds;
  private final long maxBodyBytes;

  GateFilter(ProxyProperties properties) {
    this.allowedOrigins = Set.copyOf(properties.getCors().getAllowedOrigins());
    this.maxAgeSeconds = properties.getCors().getMaxAge().toSeconds();
    this.maxBodyBytes = properties.getMaxBodySize().toBytes();
  }

  private static Map<String, List<String>> routes() {
    Map<String, List<String>> routes = new LinkedHashMap<>();
    routes.put("/ask-llm", List.of("POST"));
    routes.put("/api/chat", List.of("POST"));
    routes.put("/api/generate", List.of("POST"));
    routes.put("/api/embed", List.of("POST"));
    routes.put("/api/show", List.of("POST"));
    routes.put("/api/tags", List.of("GET", "HEAD"));
    routes.put("/api/version", List.of("GET", "HEAD"));
    return Map.copyOf(routes);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    String origin = request.getHeader("Origin");
    boolean preflight =
        "OPTIONS".equals(method)
            && origin != null
            && request.getHeader("Access-Control-Request-Method") != null;
    // Answers differ by Origin, so a shared cache must never hand one origin's answer to another.
    response.addHeader("Vary", "Origin");

    if (origin != null && !allowedOrigins.contains(origin)) {
      // No Access-Control-Allow-* headers at all: the browser blocks the page, and nothing is
      // forwarded to Ollama, even for requests a browser sends without a preflight.
      refuse(
          request,
          response,
          403,
          "Origin " + origin + " is not allowed to call this service (app.cors.allowed-origins)");
      return;
    }
    if (origin != null && !preflight) {
      // Also on error answers, so the page can read why its request failed.
      response.setHeader("Access-Control-Allow-Origin", origin);
    }

    String path = request.getRequestURI();
    List<String> methods = ROUTES.get(path);
    if (methods == null) {
      refuse(request, response, 404, notServed(path));
      return;
    }
    String allow = String.join(", ", methods) + ", OPTIONS";
    if (preflight) {
      // The answer the seed app lacked: its OPTIONS preflight got 405, so the browser never sent
      // the POST. 204 with the exact origin (never "*"), the methods and headers it may use.
      response.setStatus(204);
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Allow-Methods", allow);
      response.setHeader("Access-Control-Allow-Headers", allowedHeaders(request));
      response.setHeader("Access-Control-Max-Age", Long.toString(maxAgeSeconds));
      response.addHeader("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
      return;
    }
    if ("OPTIONS".equals(method)) {
      response.setStatus(204);
      response.setHeader("Allow", allow);
      return;
    }
    if (!methods.contains(method)) {
      response.setHeader("Allow", allow);
      refuse(request, response, 405, method + " is not allowed on " + path + "; use " + allow);
      return;
    }
    long length = request.getContentLengthLong();
    if (length > maxBodyBytes) {
      refuse(request, response, 413, tooLarge(maxBodyBytes));
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * An error answer sent before the body was read. {@link SlowBodyValve} then closes the connection
   * instead of draining that body, so the answer says so: a client that was not told would send its
   * next request on a socket about to be closed, and lose it.
   */
  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
      response.setHeader("Connection", "close");
    }
    Wire.error(response, status, message);
  }

  /** Only the request headers the proxy knows; anything else makes the browser refuse. */
  private static String allowedHeaders(HttpServletRequest request) {
    String requested = request.getHeader("Access-Control-Request-Headers");
    if (requested == null || requested.isBlank()) {
      return ALLOWED_HEADERS;
    }
    StringBuilder granted = new StringBuilder();
    for (String name : requested.split(",")) {
      String trimmed = name.trim();
      if (ALLOWED_HEADER_NAMES.contains(trimmed.toLowerCase(Locale.ROOT))) {
        granted.append(granted.length() == 0 ? "" : ", ").append(trimmed);
      }
    }
    return granted.length() == 0 ? ALLOWED_HEADERS : granted.toString();
  }

  static String tooLarge(long maxBodyBytes) {
    return "Request body is larger than "
        + maxBodyBytes
        + " bytes (app.max-body-size); send a shorter prompt";
  }

  private static String notServed(String path) {
    String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
    if (REFUSED.containsKey(path) || path.startsWith("/api/blobs")) {
      return shown
          + " is not served: this proxy never changes the models (no pull, push, create, copy,"
          + " delete); use `"
          + REFUSED.getOrDefault(path, "ollama create")
          + "` where Ollama runs instead";
    }
    return shown
        + " is not served; this proxy answers POST /ask-llm, /api/chat, /api/generate, /api/embed,"
        + " /api/show and GET /api/tags, /api/version";
  }
}
