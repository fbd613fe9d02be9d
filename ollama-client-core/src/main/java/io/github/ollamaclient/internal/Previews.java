package io.github.ollamaclient.internal;

import java.nio.charset.StandardCharsets;

/** Short, printable excerpts of bodies and lines for error messages. */
final class Previews {
  static final int MAX_CHARS = 200;

  private Previews() {}

  static String of(byte[] bytes) {
    int length = Math.min(bytes.length, MAX_CHARS * 4);
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    return of(text, bytes.length > length);
  }

  static String of(String text, boolean cut) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    if (oneLine.length() > MAX_CHARS) {
      return "\"" + oneLine.substring(0, MAX_CHARS) + "…\"";
    }
    return "\"" + oneLine + (cut ? "…" : "") + "\"";
  }
}
