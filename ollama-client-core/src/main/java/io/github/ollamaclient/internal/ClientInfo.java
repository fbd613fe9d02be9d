package io.github.ollamaclient.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/** What the client says about itself in its User-Agent. */
public final class ClientInfo {
  /** This library's version, from the build. */
  public static final String VERSION = readVersion();

  private ClientInfo() {}

  /**
   * {@code ollama-client-java/<version> (<arch> <os>) Java/<version>}, the shape of the official
   * clients' agents, plus the caller's suffix when given.
   */
  public static String userAgent(String suffix) {
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '-');
    String agent =
        "ollama-client-java/"
            + VERSION
            + " ("
            + arch
            + " "
            + os
            + ") Java/"
            + System.getProperty("java.version", "unknown");
    return suffix == null || suffix.isBlank() ? agent : agent + " " + suffix.strip();
  }

  private static String readVersion() {
    try (InputStream in =
        ClientInfo.class.getResourceAsStream("/io/github/ollamaclient/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
