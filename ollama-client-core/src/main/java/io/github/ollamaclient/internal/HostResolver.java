package io.github.ollamaclient.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Turns an {@code OLLAMA_HOST} value (or an explicit base URL) into the client's base URL, with the
 * rules of the official Python client's {@code _parse_host}.
 *
 * <ul>
 *   <li>empty or absent: {@code http://127.0.0.1:11434};
 *   <li>no scheme: {@code http} and port 11434; {@code http://host} without a port: 80, {@code
 *       https://host}: 443;
 *   <li>{@code :PORT} alone: {@code 127.0.0.1:PORT};
 *   <li>IPv6 in brackets kept; a path kept, trailing slashes removed.
 * </ul>
 *
 * <p>One deliberate difference: {@code 0.0.0.0} (and {@code [::]}), the address a server binds to
 * and which users often export in {@code OLLAMA_HOST} for the server, becomes loopback for the
 * client, since nothing can connect to it.
 */
public final class HostResolver {
  /** The default base URL when nothing is configured. */
  public static final String DEFAULT = "http://127.0.0.1:11434";

  private static final int DEFAULT_PORT = 11434;

  private HostResolver() {}

  /** 127.0.0.0/8, written out. */
  private static final Pattern LOOPBACK_V4 =
      Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

  /**
   * Whether {@code host} (as {@link HttpUrl#host()} gives it) names this machine without a name
   * lookup: {@code localhost}, an address in 127.0.0.0/8, {@code ::1}, or the unspecified address
   * ({@code 0.0.0.0}, {@code ::}), which a client reaches on this machine. A name that merely
   * resolves to one is not taken on trust, since what it resolves to can change.
   */
  public static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost")
        || name.endsWith(".localhost")
        || name.equals("::1")
        || name.equals("::")
        || name.equals("0.0.0.0")
        || LOOPBACK_V4.matcher(name).matches();
  }

  /**
   * Resolves a host value.
   *
   * @param host the value of {@code OLLAMA_HOST} or the configured base URL; {@code null} or blank
   *     for the default
   * @return the base URL, without a trailing slash
   * @throws IllegalArgumentException naming the value when it is not a usable host, its credentials
   *     masked when it has any ({@code user:password@}), which are refused
   */
  public static HttpUrl resolve(String host) {
    String value = host == null ? "" : host.strip();
    if (value.isEmpty()) {
      return HttpUrl.get(DEFAULT);
    }
    if (value.indexOf('@') >= 0) {
      // Refused before anything else is parsed, so no part of a password can reach a message as
      // a "port" or a "host name"; a Spring start-up failure would log it.
      throw invalid(
          host,
          "credentials (user:password@) in the URL are not supported; send them in a header,"
              + " such as OllamaClient.builder().header(\"Authorization\", ...)");
    }
    String scheme = "http";
    int port = DEFAULT_PORT;
    String rest = value;
    int schemeEnd = value.indexOf("://");
    if (schemeEnd >= 0) {
      scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      rest = value.substring(schemeEnd + 3);
      if (scheme.equals("http")) {
        port = 80;
      } else if (scheme.equals("https")) {
        port = 443;
      } else {
        throw invalid(host, "the scheme must be http or https, not \"" + scheme + "\"");
      }
    }
    String authority = rest;
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      authority = rest.substring(0, slash);
      path = rest.substring(slash);
    }
    String hostName;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw invalid(host, "an IPv6 address needs its closing ']'");
      }
      hostName = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (after.startsWith(":")) {
        portText = after.substring(1);
      } else if (!after.isEmpty()) {
        throw invalid(host, "unexpected text after the IPv6 address: \"" + after + "\"");
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        hostName = authority.substring(0, colon);
        portText = authority.substring(colon + 1);
      } else {
        hostName = authority;
      }
    }
    if (hostName.isEmpty()) {
      hostName = "127.0.0.1";
    }
    if (hostName.equals("0.0.0.0")) {
      hostName = "127.0.0.1";
    } else if (hostName.equals("::") || hostName.equals("0:0:0:0:0:0:0:0")) {
      hostName = "::1";
    }
    if (portText != null && !portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw invalid(host, "the port \"" + portText + "\" is not a number");
      }
      if (port < 1 || port > 65535) {
        throw invalid(host, "the port " + port + " is outside 1-65535");
      }
    }
    String trimmedPath = path;
    while (trimmedPath.endsWith("/")) {
      trimmedPath = trimmedPath.substring(0, trimmedPath.length() - 1);
    }
    HttpUrl.Builder builder;
    try {
      builder = new HttpUrl.Builder().scheme(scheme).host(hostName).port(port);
    } catch (IllegalArgumentException e) {
      throw invalid(host, "\"" + hostName + "\" is not a valid host name");
    }
    if (!trimmedPath.isEmpty()) {
      builder.encodedPath(trimmedPath);
    }
    return builder.build();
  }

  private static IllegalArgumentException invalid(String host, String why) {
    return new IllegalArgumentException("Invalid Ollama host \"" + redacted(host) + "\": " + why);
  }

  /**
   * {@code url} for a message: everything from after the scheme to its last {@code @} masked, since
   * it may be a user and password. A password may hold a {@code /} or a {@code :}, so the mask does
   * not stop at the first.
   */
  public static String redacted(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
    return url.substring(0, start) + "***" + url.substring(at);
  }
}
