package io.github.ollamaclient.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The balancer test finds nginx on PATH or through NGINX_BIN, or says what to install. */
class NginxLookupTest {
  @TempDir Path dir;

  @Test
  @DisabledOnOs(OS.WINDOWS) // an executable made with POSIX permissions
  void foundOnThePath() throws IOException {
    Path nginx = executable(dir.resolve("nginx"));

    assertThat(Nginx.binary(Map.of("PATH", dir.toString()))).isEqualTo(nginx);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theVariableWinsOverThePath() throws IOException {
    executable(dir.resolve("nginx"));
    Path mine = executable(dir.resolve("my-nginx"));

    assertThat(Nginx.binary(Map.of("PATH", dir.toString(), "NGINX_BIN", mine.toString())))
        .isEqualTo(mine);
  }

  @Test
  void aVariableNamingNoExecutableIsSaidSo() {
    String missing = dir.resolve("nothing").toString();

    assertThatThrownBy(() -> Nginx.binary(Map.of("NGINX_BIN", missing)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("NGINX_BIN=" + missing + " is not an executable file")
        .hasMessageContaining("sudo apt-get install nginx")
        .hasMessageContaining("sudo dnf install nginx")
        .hasMessageContaining("brew install nginx")
        .hasMessageContaining("https://nginx.org/en/download.html");
  }

  private static Path executable(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
