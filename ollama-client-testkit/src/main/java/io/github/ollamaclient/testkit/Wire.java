package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wire-format helpers: Go-style timestamps, digests, model names, keep_alive durations. */
final class Wire {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private Wire() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /**
   * Go's {@code time.RFC3339Nano} of {@code time.Now().UTC()}: trailing zeros dropped, {@code Z}.
   */
  static String utcTimestamp(Instant instant) {
    return goTimestamp(instant.atOffset(ZoneOffset.UTC));
  }

  /** Go's {@code time.RFC3339Nano} in the machine's zone, as Ollama prints file times. */
  static String localTimestamp(Instant instant) {
    return goTimestamp(instant.atZone(ZoneId.systemDefault()).toOffsetDateTime());
  }

  private static String goTimestamp(OffsetDateTime time) {
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format(Locale.ROOT, "%09d", nanos).replaceFirst("0+$", "");
      text.append('.').append(fraction);
    }
    ZoneOffset offset = time.getOffset();
    text.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return text.toString();
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String sha256Hex(String seed) {
    return sha256Hex(seed.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Ollama's canonical short name: {@code llama3.2} becomes {@code llama3.2:latest}, the default
   * registry and {@code library/} namespace are dropped, and case is folded the way the server
   * matches names.
   */
  static String canonicalName(String name) {
    String n = name.trim();
    n = stripPrefix(n, "registry.ollama.ai/");
    n = stripPrefix(n, "library/");
    int slash = n.lastIndexOf('/');
    if (n.indexOf(':', slash + 1) < 0) {
      n = n + ":latest";
    }
    return n;
  }

  static String lookupKey(String name) {
    return canonicalName(name).toLowerCase(Locale.ROOT);
  }

  /** The long form the scheduler prints in capability errors. */
  static String fullName(String canonical) {
    return "registry.ollama.ai/" + (canonical.contains("/") ? "" : "library/") + canonical;
  }

  private static String stripPrefix(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length())
        ? text.substring(prefix.length())
        : text;
  }

  static boolean validName(String name) {
    return !name.isBlank() && name.matches("[A-Za-z0-9_./:-]+") && !name.endsWith(":");
  }

  /**
   * A request's {@code keep_alive}: absent means 5 minutes, a number is seconds, a string is a Go
   * duration; empty result means "forever" (any negative value).
   */
  static Optional<Duration> keepAlive(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return Optional.of(Duration.ofMinutes(5));
    }
    if (value.isNumber()) {
      double seconds = value.asDouble();
      return seconds < 0
          ? Optional.empty()
          : Optional.of(Duration.ofNanos((long) (seconds * 1_000_000_000L)));
    }
    String text = value.asText().trim();
    boolean negative = text.startsWith("-");
    if (negative) {
      return Optional.empty();
    }
    if (text.matches("\\d+(\\.\\d+)?")) {
      return Optional.of(Duration.ofNanos((long) (Double.parseDouble(text) * 1_000_000_000L)));
    }
    Matcher parts = GO_DURATION_PART.matcher(text);
    long nanos = 0;
    int end = 0;
    while (parts.find() && parts.start() == end) {
      double amount = Double.parseDouble(parts.group(1));
      nanos += (long) (amount * unitNanos(parts.group(2)));
      end = parts.end();
    }
    if (end != text.length() || text.isEmpty()) {
      return Optional.of(Duration.ofMinutes(5));
    }
    return Optional.of(Duration.ofNanos(nanos));
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1L;
      case "us":
      case "µs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      default:
        return 3_600_000_000_000L;
    }
  }

  /** A rough token count: Ollama's tokenizers average about four characters a token. */
  static int tokens(String text) {
    return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
  }
}
