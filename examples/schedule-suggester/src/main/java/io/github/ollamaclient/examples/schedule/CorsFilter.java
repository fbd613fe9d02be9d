package io.github.ollamaclient.examples.schedule;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the example page, answered before Spring MVC sees the request: the seed app's {@code
 * 405} on {@code OPTIONS} came from a preflight that reached a handler mapped for {@code POST}
 * only.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       from an allowed origin gets {@code 204} with {@code Access-Control-Allow-Origin} set to
 *       that exact origin, the allowed methods and headers.
 *   <li>From any other origin, a preflight gets {@code 403} and no {@code Access-Control-*} header,
 *       and a request is refused with {@code 403} before it reaches the model.
 *   <li>Requests without {@code Origin} (curl, other services) pass untouched.
 * </ul>
 */
public class CorsFilter extends OncePerRequestFilter {
  static final String ALLOWED_METHODS = "POST, OPTIONS";
  static final String ALLOWED_HEADERS = "Content-Type";
  static final String MAX_AGE_SECONDS = "600";

  private final Set<String> allowedOrigins;

  /** Creates the filter for these exact origins. */
  public CorsFilter(CorsProperties properties) {
    this.allowedOrigins = Set.copyOf(properties.allowedOrigins());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      chain.doFilter(request, response);
      return;
    }
    response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
    boolean preflight =
        "OPTIONS".equals(request.getMethod())
            && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    boolean allowed = allowedOrigins.contains(origin);
    if (preflight) {
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
      if (allowed) {
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      } else {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      }
      return;
    }
    if (!allowed) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write("{\"error\":\"origin not allowed; add it to app.cors.allowed-origins\"}");
      return;
    }
    response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    chain.doFilter(request, response);
  }
}
