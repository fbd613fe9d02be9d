package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The browser test finds its browser on PATH or through variables, or says what to install. */
class ChromiumTest {
  @TempDir Path dir;

  @Test
  @DisabledOnOs(OS.WINDOWS) // executables made with POSIX permissions
  void foundOnThePathUnderAnyOfTheUsualNames() throws IOException {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path browser = executable(bin.resolve("google-chrome"));
    Path driver = executable(bin.resolve("chromedriver"));

    Chromium found = Chromium.find(Map.of("PATH", dir + File.pathSeparator + bin));

    assertThat(found).isEqualTo(new Chromium(browser, driver));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theVariablesWinOverThePath() throws IOException {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    executable(bin.resolve("chromium"));
    executable(bin.resolve("chromedriver"));
    Path browser = executable(dir.resolve("my-chrome"));
    Path driver = executable(dir.resolve("my-driver"));

    Chromium found =
        Chromium.find(
            Map.of(
                "PATH",
                bin.toString(),
                "CHROME_BIN",
                browser.toString(),
                "CHROMEDRIVER",
                driver.toString()));

    assertThat(found).isEqualTo(new Chromium(browser, driver));
  }

  @Test
  void missingOnesAreNamedWithWhatToInstallOnEachPlatform() {
    assertThatThrownBy(() -> Chromium.find(Map.of("PATH", dir.toString())))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("chromedriver (CHROMEDRIVER, else chromedriver on PATH)")
        .hasMessageContaining("sudo apt-get install chromium chromium-driver")
        .hasMessageContaining("sudo dnf install chromium chromedriver")
        .hasMessageContaining("brew install --cask chromium chromedriver")
        .hasMessageContaining("winget install Google.Chrome")
        .hasMessageContaining("CHROME_BIN and CHROMEDRIVER");
  }

  @Test
  void aVariableNamingNoExecutableCountsAsMissing() {
    assertThatThrownBy(
            () ->
                Chromium.find(Map.of("CHROME_BIN", dir.resolve("nothing").toString(), "PATH", "")))
        .hasMessageContaining("a Chromium or Chrome browser (CHROME_BIN");
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
