package io.github.ollamaclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host table of ollama-python's {@code _parse_host} tests, plus our loopback rule. */
class HostResolverTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}://{2}:{3}{4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      emptyValue = "",
      value = {
        "NULL                                 | http  | 127.0.0.1             | 11434 | /",
        "''                                   | http  | 127.0.0.1             | 11434 | /",
        "1.2.3.4                              | http  | 1.2.3.4               | 11434 | /",
        ":56789                               | http  | 127.0.0.1             | 56789 | /",
        "1.2.3.4:56789                        | http  | 1.2.3.4               | 56789 | /",
        "http://1.2.3.4                       | http  | 1.2.3.4               | 80    | /",
        "https://1.2.3.4                      | https | 1.2.3.4               | 443   | /",
        "https://1.2.3.4:56789                | https | 1.2.3.4               | 56789 | /",
        "example.com                          | http  | example.com           | 11434 | /",
        "example.com:56789                    | http  | example.com           | 56789 | /",
        "http://example.com                   | http  | example.com           | 80    | /",
        "https://example.com                  | https | example.com           | 443   | /",
        "https://example.com:56789            | https | example.com           | 56789 | /",
        "example.com/                         | http  | example.com           | 11434 | /",
        "example.com:56789/                   | http  | example.com           | 56789 | /",
        "example.com/path                     | http  | example.com           | 11434 | /path",
        "example.com:56789/path               | http  | example.com           | 56789 | /path",
        "https://example.com:56789/path       | https | example.com           | 56789 | /path",
        "example.com:56789/path/              | http  | example.com           | 56789 | /path",
        "example.com:56789/a/b//              | http  | example.com           | 56789 | /a/b",
        "[0001:002:003:0004::1]               | http  | 1:2:3:4::1            | 11434 | /",
        "[0001:002:003:0004::1]:56789         | http  | 1:2:3:4::1            | 56789 | /",
        "http://[0001:002:003:0004::1]        | http  | 1:2:3:4::1            | 80    | /",
        "https://[0001:002:003:0004::1]       | https | 1:2:3:4::1            | 443   | /",
        "https://[0001:002:003:0004::1]:56789 | https | 1:2:3:4::1            | 56789 | /",
        "[0001:002:003:0004::1]/              | http  | 1:2:3:4::1            | 11434 | /",
        "[0001:002:003:0004::1]:56789/        | http  | 1:2:3:4::1            | 56789 | /",
        "[0001:002:003:0004::1]/path          | http  | 1:2:3:4::1            | 11434 | /path",
        "[0001:002:003:0004::1]:56789/path    | http  | 1:2:3:4::1            | 56789 | /path",
        "https://[0001:002:003:0004::1]:56789/path | https | 1:2:3:4::1       | 56789 | /path",
        "[0001:002:003:0004::1]:56789/path/   | http  | 1:2:3:4::1            | 56789 | /path",
        "0.0.0.0                              | http  | 127.0.0.1             | 11434 | /",
        "0.0.0.0:8080                         | http  | 127.0.0.1             | 8080  | /",
        "http://0.0.0.0:11434                 | http  | 127.0.0.1             | 11434 | /",
        "[::]:11434                           | http  | ::1                   | 11434 | /",
        "'  localhost:11434  '                | http  | localhost             | 11434 | /",
        "HTTP://Example.COM                   | http  | example.com           | 80    | /",
      })
  void resolvesLikeTheOfficialClient(
      String host, String scheme, String hostName, int port, String path) {
    HttpUrl url = HostResolver.resolve(host);

    assertThat(url.scheme()).isEqualTo(scheme);
    assertThat(url.host()).isEqualTo(hostName);
    assertThat(url.port()).isEqualTo(port);
    assertThat(url.encodedPath()).isEqualTo(path);
  }

  @Test
  void displayedBaseUrlHasNoTrailingSlash() {
    assertThat(Failures.display(HostResolver.resolve(null))).isEqualTo("http://127.0.0.1:11434");
    assertThat(Failures.display(HostResolver.resolve("example.com:1/ollama/")))
        .isEqualTo("http://example.com:1/ollama");
  }

  @Test
  void rejectsAnotherScheme() {
    assertThatThrownBy(() -> HostResolver.resolve("ftp://example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid Ollama host \"ftp://example.com\": the scheme must be http or https, not"
                + " \"ftp\"");
  }

  @Test
  void rejectsAPortThatIsNotANumber() {
    assertThatThrownBy(() -> HostResolver.resolve("example.com:http"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the port \"http\" is not a number");
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatThrownBy(() -> HostResolver.resolve("example.com:70000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the port 70000 is outside 1-65535");
  }

  @Test
  void rejectsAnUnclosedIpv6Address() {
    assertThatThrownBy(() -> HostResolver.resolve("[::1:11434"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closing ']'");
  }

  @Test
  void rejectsAHostWithSpaces() {
    assertThatThrownBy(() -> HostResolver.resolve("not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"not a url\"");
  }
}
