package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.ComposeFileTest.YAML;
import static io.github.ollamaclient.examples.schedule.ComposeFileTest.composeSchema;
import static io.github.ollamaclient.examples.schedule.ComposeFileTest.installers;
import static io.github.ollamaclient.examples.schedule.ComposeFileTest.text;
import static io.github.ollamaclient.examples.schedule.ComposeFileTest.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker-compose.scale.yml} (issue 14): valid against the same vendored Compose
 * Specification schema as the main file, Ollama replicas each with its own model volume and
 * pull-once service, an nginx balancer in front of them whose config says what is retried, and the
 * example apps pointed at the balancer.
 */
class ScaleOutComposeFileTest {
  private static final String MODEL = "${OLLAMA_MODEL:-7shi/ezo-gemma-2-jpn:2b-instruct-q8_0}";
  private static final String BALANCER = "ollama-balancer";
  private static final String BALANCER_CONFIG = "deploy/ollama-balancer/nginx.conf";
  private static final Pattern REPLICA = Pattern.compile("ollama-(\\d+)");

  static Path root;
  static JsonNode compose;
  static String nginx;

  @BeforeAll
  static void load() throws IOException {
    root = ComposeFileTest.repositoryRoot();
    ComposeFileTest.root = root;
    compose = YAML.readTree(Files.readString(root.resolve("docker-compose.scale.yml")));
    nginx = Files.readString(root.resolve(BALANCER_CONFIG));
  }

  private static JsonNode service(String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("service %s exists", name).isTrue();
    return service;
  }

  /** The Ollama replicas: services named ollama-N. */
  private static List<String> replicas() {
    return replicas(compose);
  }

  private static List<String> replicas(JsonNode compose) {
    List<String> names = new ArrayList<>();
    compose
        .path("services")
        .propertyNames()
        .forEach(
            name -> {
              if (REPLICA.matcher(name).matches()) {
                names.add(name);
              }
            });
    return names;
  }

  /** The nginx config without its comments: what nginx reads. */
  private static String nginxDirectives() {
    return nginx.replaceAll("(?m)#.*$", "");
  }

  @Test
  void isValidAgainstTheComposeSpecification() throws IOException {
    List<Error> errors = composeSchema().validate(compose);

    assertThat(errors).as("schema errors in docker-compose.scale.yml").isEmpty();
  }

  @Test
  void hasAtLeastTwoReplicasEachWithItsOwnModelVolume() {
    assertOwnModelVolumes(compose);
  }

  private static void assertOwnModelVolumes(JsonNode compose) {
    List<String> replicas = replicas(compose);
    assertThat(replicas).as("ollama-N replicas").hasSizeGreaterThanOrEqualTo(2);
    List<String> volumes = new ArrayList<>();
    for (String replica : replicas) {
      JsonNode ollama = compose.path("services").path(replica);
      assertThat(ollama.path("image").asString()).startsWith("ollama/ollama");
      List<String> atModels = new ArrayList<>();
      for (JsonNode volume : ollama.path("volumes")) {
        volumeMount(volume)
            .filter(mount -> mount.target().equals("/root/.ollama"))
            .ifPresent(mount -> atModels.add(mount.source()));
      }
      assertThat(atModels).as("%s's volume at /root/.ollama", replica).hasSize(1);
      String volume = atModels.get(0);
      assertThat(volume).as("%s's volume is a named one", replica).matches("[\\w-]+");
      assertThat(compose.path("volumes").has(volume))
          .as("%s declared under the top-level volumes", volume)
          .isTrue();
      volumes.add(volume);
    }
    assertThat(volumes).as("one volume per replica").doesNotHaveDuplicates();
  }

  @Test
  void checksEachReplicasHealthLikeTheMainFile() {
    for (String replica : replicas()) {
      JsonNode healthcheck = service(replica).path("healthcheck");
      assertThat(text(healthcheck.path("test"))).as(replica).isEqualTo("CMD ollama list");
      assertThat(healthcheck.path("disable").asBoolean(false)).isFalse();
    }
  }

  @Test
  void pullsTheModelOnceIntoEachReplica() {
    for (String replica : replicas()) {
      JsonNode pull = service(replica + "-pull");
      assertThat(pull.path("image").asString())
          .isEqualTo(service(replica).path("image").asString());
      assertThat(pull.path("depends_on").path(replica).path("condition").asString())
          .as("%s-pull waits for its replica", replica)
          .isEqualTo("service_healthy");
      assertThat(pull.path("restart").asString()).isEqualTo("no");
      assertThat(pull.path("environment").path("OLLAMA_HOST").asString())
          .as("%s-pull pulls into its own replica, not through the balancer", replica)
          .isEqualTo("http://" + replica + ":11434");
      assertThat(pull.path("environment").path("MODEL").asString()).isEqualTo(MODEL);
      String script = text(pull.path("entrypoint")) + " " + text(pull.path("command"));
      assertThat(script).contains("ollama show", "|| ollama pull", "$$MODEL");
    }
  }

  @Test
  void publishesPortsOnLoopbackOnlyAndNoReplicaDirectly() {
    compose
        .path("services")
        .properties()
        .forEach(
            entry -> {
              for (JsonNode port : entry.getValue().path("ports")) {
                String hostIp =
                    port.isObject()
                        ? port.path("host_ip").asString("")
                        : port.asString().split(":")[0];
                assertThat(hostIp)
                    .as("host address of %s in %s", port, entry.getKey())
                    .isEqualTo("127.0.0.1");
              }
            });
    for (String replica : replicas()) {
      assertThat(service(replica).path("ports").isMissingNode())
          .as("%s is reached through the balancer", replica)
          .isTrue();
    }
    assertThat(text(service(BALANCER).path("ports")))
        .isEqualTo("127.0.0.1:${OLLAMA_PORT:-11434}:11434");
  }

  @Test
  void theBalancerIsNginxWithTheRepositorysConfigReadOnly() {
    JsonNode balancer = service(BALANCER);
    assertThat(balancer.path("image").asString()).startsWith("nginx:");
    assertThat(text(balancer.path("volumes")))
        .contains("./" + BALANCER_CONFIG + ":/etc/nginx/conf.d/default.conf:ro");
    assertThat(root.resolve(BALANCER_CONFIG)).isRegularFile();
    assertThat(text(balancer.path("healthcheck").path("test")))
        .contains("http://127.0.0.1:11434/api/version")
        .doesNotContain("curl");
  }

  @Test
  void theBalancerWaitsForEveryReplicaAndItsPull() {
    JsonNode dependsOn = service(BALANCER).path("depends_on");
    for (String replica : replicas()) {
      assertThat(dependsOn.path(replica).path("condition").asString())
          .as("balancer waits for %s", replica)
          .isEqualTo("service_healthy");
      assertThat(dependsOn.path(replica + "-pull").path("condition").asString())
          .as("balancer waits for %s-pull", replica)
          .isEqualTo("service_completed_successfully");
    }
  }

  @Test
  void theBalancerSpreadsByLeastConnectionsOverEveryReplica() {
    String directives = nginxDirectives();
    assertThat(upstreamBlock(directives)).contains("least_conn;", "keepalive ");
    assertThat(upstreamServers(directives))
        .as("upstream servers")
        .containsExactlyInAnyOrderElementsOf(replicas());
    assertThat(directives).contains("listen 11434;", "proxy_pass http://ollama;");
  }

  private static String upstreamBlock(String directives) {
    Matcher upstream = Pattern.compile("upstream\\s+ollama\\s*\\{([^}]*)}").matcher(directives);
    assertThat(upstream.find()).as("upstream ollama { ... } in %s", BALANCER_CONFIG).isTrue();
    return upstream.group(1);
  }

  /** The host names of the upstream's servers that have max_fails and fail_timeout. */
  private static List<String> upstreamServers(String directives) {
    List<String> names = new ArrayList<>();
    Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+):11434\\s[^;]*max_fails=\\d+[^;]*fail_timeout=")
        .matcher(upstreamBlock(directives))
        .results()
        .forEach(m -> names.add(m.group(1)));
    return names;
  }

  @Test
  void theChecksCatchASharedVolumeAForgottenUpstreamAndAnUnboundedRetry() {
    JsonNode shared =
        YAML.readTree(
            """
            services:
              ollama-1:
                image: ollama/ollama:latest
                volumes: ["models:/root/.ollama"]
              ollama-2:
                image: ollama/ollama:latest
                volumes: ["models:/root/.ollama"]
            volumes:
              models:
            """);
    assertThatThrownBy(() -> assertOwnModelVolumes(shared))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("one volume per replica");

    String oneServer =
        """
        upstream ollama {
            least_conn;
            server ollama-1:11434 max_fails=3 fail_timeout=10s;
            # server ollama-2:11434 max_fails=3 fail_timeout=10s;
        }
        """
            .replaceAll("(?m)#.*$", "");
    assertThat(upstreamServers(oneServer)).containsExactly("ollama-1");

    String unbounded =
        """
        proxy_connect_timeout 5s;
        proxy_read_timeout 15m;
        proxy_send_timeout 60s;
        proxy_next_upstream error timeout http_502 http_503 non_idempotent;
        """;
    assertThatThrownBy(() -> assertRetryWindowClosesBeforeTheTimeouts(unbounded))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("proxy_next_upstream_timeout");
  }

  @Test
  void theBalancerStreamsAndWaitsForSlowModelLoads() {
    String directives = nginxDirectives();
    assertThat(directives)
        .contains(
            "proxy_buffering off;",
            "proxy_http_version 1.1;",
            "proxy_set_header Connection \"\";",
            "proxy_read_timeout 15m;");
  }

  @Test
  void theBalancerRetriesOnlyBeforeAReplicaCouldHaveStartedGenerating() {
    String directives = nginxDirectives();
    assertThat(directives)
        .contains("proxy_next_upstream error timeout http_502 http_503 non_idempotent;")
        // The bound that keeps a POST that was sent and may be generating from going twice.
        .contains("proxy_next_upstream_timeout 10s;")
        .contains("proxy_connect_timeout 5s;")
        .doesNotContain("proxy_request_buffering off");
    // The choice is explained where it is made.
    assertThat(nginx).contains("non_idempotent allows", "NOT retried", "OLLAMA_MAX_QUEUE");
    // Calls that change a replica never go through the balancer, so none can run twice.
    assertThat(directives)
        .containsPattern("location ~ \\^/api/\\(pull\\|push\\|create\\|copy\\|delete\\|blobs\\)")
        .contains("return 403");
  }

  @Test
  void aRequestThatMayBeGeneratingTimesOutOnlyAfterTheRetryWindowClosed() {
    assertRetryWindowClosesBeforeTheTimeouts(nginxDirectives());
  }

  private static void assertRetryWindowClosesBeforeTheTimeouts(String directives) {
    // nginx passes a request on only within proxy_next_upstream_timeout of its first attempt: a
    // read or send timeout after that window is answered 504, never sent to a second replica.
    long window = seconds(directives, "proxy_next_upstream_timeout");
    assertThat(window).isPositive();
    assertThat(seconds(directives, "proxy_read_timeout")).isGreaterThan(window);
    assertThat(seconds(directives, "proxy_send_timeout")).isGreaterThan(window);
    // A connect timeout falls inside the window: a replica that does not accept is skipped.
    assertThat(seconds(directives, "proxy_connect_timeout")).isLessThan(window);
  }

  @Test
  void theDurationParserReadsNginxUnits() {
    assertThat(duration("10s", "x")).isEqualTo(10);
    assertThat(duration("15m", "x")).isEqualTo(900);
    assertThat(duration("1h", "x")).isEqualTo(3600);
    assertThat(duration("45", "x")).isEqualTo(45);
  }

  /** A directive's duration in seconds; it must appear exactly once. */
  private static long seconds(String directives, String directive) {
    Matcher matcher = Pattern.compile("(?m)^\\s*" + directive + "\\s+(\\w+);").matcher(directives);
    List<String> values = new ArrayList<>();
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    assertThat(values).as("%s in %s", directive, BALANCER_CONFIG).hasSize(1);
    return duration(values.get(0), directive);
  }

  private static long duration(String value, String directive) {
    Matcher parts = Pattern.compile("(\\d+)([smh]?)").matcher(value);
    assertThat(parts.matches()).as("%s %s", directive, value).isTrue();
    long amount = Long.parseLong(parts.group(1));
    return switch (parts.group(2)) {
      case "m" -> amount * 60;
      case "h" -> amount * 3600;
      default -> amount;
    };
  }

  @Test
  void theAppsUseTheBalancerAndWaitForEveryPull() {
    for (String name : List.of("cors-proxy", "schedule-suggester")) {
      JsonNode app = service(name);
      assertThat(app.path("environment").path("OLLAMA_HOST").asString())
          .as("%s talks to the balancer", name)
          .isEqualTo("http://" + BALANCER + ":11434");
      assertThat(app.path("environment").path("OLLAMA_MODEL").asString()).isEqualTo(MODEL);
      assertThat(app.path("depends_on").path(BALANCER).path("condition").asString())
          .isEqualTo("service_healthy");
      for (String replica : replicas()) {
        assertThat(app.path("depends_on").path(replica + "-pull").path("condition").asString())
            .as("%s waits for %s-pull", name, replica)
            .isEqualTo("service_completed_successfully");
      }
      JsonNode build = app.path("build");
      assertThat(build.path("context").asString()).isEqualTo(".");
      assertThat(root.resolve(build.path("dockerfile").asString())).isRegularFile();
    }
    assertThat(text(service("web").path("volumes")))
        .contains("./examples/web:/usr/share/nginx/html:ro");
  }

  @Test
  void installsNothingWhenAContainerStarts() {
    compose
        .path("services")
        .properties()
        .forEach(
            entry ->
                assertThat(
                        installers(
                            text(entry.getValue().path("entrypoint"))
                                + " "
                                + text(entry.getValue().path("command"))))
                    .as("installs at start in service %s", entry.getKey())
                    .isEmpty());
  }

  @Test
  void saysHowToStartItInItsHeader() throws IOException {
    String header = Files.readString(root.resolve("docker-compose.scale.yml"));
    assertThat(header).contains("docker compose -f docker-compose.scale.yml up -d");
  }

  @Test
  void theDocsShowBothCommandsAndLinkToFilesThatExist() throws IOException {
    String scaling = Files.readString(root.resolve("docs/scaling.md"));
    assertThat(scaling)
        .contains(
            "## Scale-out with Docker Compose and Kubernetes",
            "docker compose -f docker-compose.scale.yml up -d",
            "kubectl apply -f deploy/kubernetes/ollama.yaml",
            "proxy_next_upstream error timeout http_502 http_503 non_idempotent");
    // What the docs quote of the nginx config is what the config says.
    assertThat(nginxDirectives())
        .contains("proxy_next_upstream error timeout http_502 http_503 non_idempotent;");
    Matcher links = Pattern.compile("\\]\\((\\.\\./[^)#]+)").matcher(scaling);
    int count = 0;
    while (links.find()) {
      count++;
      assertThat(root.resolve("docs").resolve(links.group(1)).normalize())
          .as("link %s in docs/scaling.md", links.group(1))
          .exists();
    }
    assertThat(count).as("links from docs/scaling.md into the repository").isPositive();
    assertThat(Files.readString(root.resolve("README.md")))
        .contains("(docs/scaling.md#scale-out-with-docker-compose-and-kubernetes)");
  }
}
