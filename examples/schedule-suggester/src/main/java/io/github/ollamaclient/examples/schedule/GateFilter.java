package io.github.ollamaclient.examples.schedule;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one door into the service, before Spring MVC sees anything, as the CORS proxy's: which
 * origins may call (CORS, preflight included), the one path and method served, that the body is
 * JSON, and how large it may be. Every refusal is {@code {"error": "..."}}.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       from an allowed origin gets {@code 204} with {@code Access-Control-Allow-Origin} set to
 *       that exact origin, the allowed methods and headers.
 *   <li>From any other origin, a preflight gets {@code 403} and no {@code Access-Control-*} header,
 *       and a request is refused with {@code 403} before it reaches the model.
 *   <li>Requests without {@code Origin} (curl, other services) skip CORS, and nothing else: the
 *       path, method, content type and size rules hold for every caller.
 * </ul>
 *
 * <p>The path is matched on the raw request URI, exactly, so no encoding or dot-segment reaches a
 * handler by another name. A body over {@code app.max-body-size} that declares its length is
 * refused here, unread; a chunked one is cut off by the controller once it passes the limit.
 */
class GateFilter extends OncePerRequestFilter {
  static final String PATH = "/api/suggest-schedule";
  static final String ALLOWED_METHODS = "POST, OPTIONS";
  static final String ALLOWED_HEADERS = "Content-Type";
  static final String MAX_AGE_SECONDS = "600";

  private final Set<String> allowedOrigins;
  private final long maxBodyBytes;

  /** Creates the gate for these exact origins and this body limit. */
  GateFilter(CorsProperties cors, SuggesterProperties limits) {
    this.allowedOrigins = Set.copyOf(cors.allowedOrigins());
    this.maxBodyBytes = limits.maxBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String method = request.getMethod();
    boolean preflight =
        "OPTIONS".equals(method)
            && origin != null
            && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    if (origin != null) {
      // Answers differ by Origin, so a shared cache must never hand one origin's to another.
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
      if (!allowedOrigins.contains(origin)) {
        // No Access-Control-Allow-* header at all: the browser blocks the page too.
        refuse(request, response, 403, "origin not allowed; add it to app.cors.allowed-origins");
        return;
      }
      if (!preflight) {
        // Also on error answers, so the page can read why its request failed.
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      }
    }
    String path = request.getRequestURI();
    if (!PATH.equals(path)) {
      String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
      refuse(request, response, 404, shown + " is not served; this service answers POST " + PATH);
      return;
    }
    if (preflight) {
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
      response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
      response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    if ("OPTIONS".equals(method)) {
      response.setHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    if (!"POST".equals(method)) {
      response.setHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
      refuse(request, response, 405, method + " is not allowed on " + PATH + "; use POST");
      return;
    }
    String type = request.getContentType();
    if (!isJson(type)) {
      refuse(
          request,
          response,
          415,
          "Content-Type must be application/json, was " + (type == null ? "none" : type));
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      refuse(request, response, 413, tooLarge(maxBodyBytes));
      return;
    }
    chain.doFilter(request, response);
  }

  /** {@code application/json}, with or without parameters such as {@code charset=UTF-8}. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  static String tooLarge(long maxBodyBytes) {
    return "request body is larger than "
        + maxBodyBytes
        + " bytes (app.max-body-size); send fewer or shorter tasks";
  }

  /**
   * An error answer sent before the body was read: the connection is closed after it rather than
   * left to read the rest of a body no one wants, and the answer says so, so the client does not
   * send its next request on a socket about to close.
   */
  static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
      response.setHeader(HttpHeaders.CONNECTION, "close");
    }
    ErrorAnswer.write(response, status, message);
  }
}
