package io.github.ollamaclient.examples.proxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the browser test finds headless Chromium (or Chrome) and its chromedriver: {@code
 * CHROME_BIN} and {@code CHROMEDRIVER} when set, else on {@code PATH}, else where the macOS and
 * Windows installers put Chrome. Missing ones fail the test (never a skip) with what to install.
 *
 * @param browser the browser's executable
 * @param driver chromedriver, whose version must match the browser's
 */
record Chromium(Path browser, Path driver) {
  static final List<String> BROWSER_NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
  static final List<Path> INSTALLED_APPS =
      List.of(
          Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"),
          Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
          Path.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"));

  static final String HOW_TO_INSTALL =
      "Install them:\n"
          + "  Debian:  sudo apt-get install chromium chromium-driver   (.ci/run does this)\n"
          + "  Ubuntu:  sudo snap install chromium, and CHROMEDRIVER=/snap/bin/chromium.chromedriver\n"
          + "  Fedora:  sudo dnf install chromium chromedriver\n"
          + "  macOS:   brew install --cask chromium chromedriver\n"
          + "  Windows: winget install Google.Chrome, and chromedriver.exe for the same version"
          + " from https://googlechromelabs.github.io/chrome-for-testing/ on PATH\n"
          + "or point CHROME_BIN and CHROMEDRIVER at the two executables.";

  /** Both executables, found in {@code env}; an {@link AssertionError} naming what is missing. */
  static Chromium find(Map<String, String> env) {
    Optional<Path> browser = lookUp(env, "CHROME_BIN", BROWSER_NAMES, INSTALLED_APPS);
    Optional<Path> driver = lookUp(env, "CHROMEDRIVER", List.of("chromedriver"), List.of());
    if (browser.isPresent() && driver.isPresent()) {
      return new Chromium(browser.get(), driver.get());
    }
    List<String> missing = new ArrayList<>();
    if (browser.isEmpty()) {
      missing.add("a Chromium or Chrome browser (CHROME_BIN, else " + BROWSER_NAMES + " on PATH)");
    }
    if (driver.isEmpty()) {
      missing.add("chromedriver (CHROMEDRIVER, else chromedriver on PATH)");
    }
    throw new AssertionError(
        "The browser test needs headless Chromium; not found: "
            + String.join(" and ", missing)
            + ".\n"
            + HOW_TO_INSTALL);
  }

  /** The variable's file when set (even a wrong one, for the message), else the first found. */
  private static Optional<Path> lookUp(
      Map<String, String> env, String variable, List<String> names, List<Path> fallbacks) {
    String set = env.get(variable);
    if (set != null && !set.isBlank()) {
      return Optional.of(Path.of(set)).filter(Files::isExecutable);
    }
    List<Path> candidates = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, name));
          candidates.add(Path.of(dir, name + ".exe"));
        }
      }
    }
    candidates.addAll(fallbacks);
    return candidates.stream().filter(Files::isExecutable).filter(Files::isRegularFile).findFirst();
  }
}
