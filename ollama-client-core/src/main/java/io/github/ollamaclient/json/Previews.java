package io.github.ollamaclient.json;

import java.nio.charset.StandardCharsets;

/** Short, printable excerpts of bodies and lines for error messages. */
public final class Previews {
  /** The longest preview, in characters. */
  public static final int MAX_CHARS = 200;

  private Previews() {}

  /** The start of {@code bytes} as UTF-8 text, quoted, on one line. */
  public static String of(byte[] bytes) {
    int length = Math.min(bytes.length, MAX_CHARS * 4);
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    return of(text, bytes.length > length);
  }

  /**
   * {@code text} quoted on one line, cut at {@link #MAX_CHARS}; {@code cut} marks it as already
   * cut.
   */
  public static String of(String text, boolean cut) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    if (oneLine.length() > MAX_CHARS) {
      return "\"" + oneLine.substring(0, MAX_CHARS) + "…\"";
    }
    return "\"" + oneLine + (cut ? "…" : "") + "\"";
  }
}
