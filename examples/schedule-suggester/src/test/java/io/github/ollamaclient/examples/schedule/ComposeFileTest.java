package io.github.ollamaclient.examples.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The root {@code docker-compose.yml} is valid against the Compose Specification's JSON Schema (a
 * copy in this module's test resources) and keeps the promises that fixed the seed app: models in a
 * named volume, a healthy Ollama before the pull, the pull before the apps, Ollama on loopback
 * only, nothing installed at container start, multi-stage non-root images.
 */
class ComposeFileTest {
  private static final String VENDORED_SPEC =
      "examples/schedule-suggester/src/test/resources/compose-spec.json";

  static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Package managers and build tools that must never run when a container starts. */
  private static final Pattern INSTALLS =
      Pattern.compile(
          "(?<![\\w.-])(apt-get|apt|apk|yum|dnf|microdnf|pip3?|npm|npx|yarn|pnpm|mvn|mvnw|gradle"
              + "|gradlew|brew|gem|cargo|go\\s+install)(?![\\w.-])",
          Pattern.CASE_INSENSITIVE);

  static Path root;
  static JsonNode compose;

  @BeforeAll
  static void load() throws IOException {
    root = repositoryRoot();
    compose = YAML.readTree(Files.readString(root.resolve("docker-compose.yml")));
  }

  /** The repository root: the folder with {@code .mvn} and {@code docker-compose.yml}. */
  static Path repositoryRoot() {
    String configured = System.getProperty("repo.root");
    if (configured != null && Files.isRegularFile(Path.of(configured, "docker-compose.yml"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".mvn"))
          && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir;
      }
    }
    return fail(
        "no docker-compose.yml found in a folder with .mvn above " + Path.of("").toAbsolutePath());
  }

  /**
   * The Compose Specification schema, the copy kept in this module's test resources (see its
   * notice): a test reads nothing from outside the repository, so a clone anywhere validates the
   * file the same way.
   */
  private static Path composeSpecFile() {
    Path spec = root.resolve(VENDORED_SPEC);
    if (!Files.isRegularFile(spec)) {
      fail(
          "The Compose Specification schema is missing: expected "
              + spec
              + ". Without it docker-compose.yml cannot be validated.");
    }
    return spec;
  }

  static Schema composeSchema() throws IOException {
    Path spec = composeSpecFile();
    ObjectNode schema = (ObjectNode) JSON.readTree(Files.readString(spec));
    // Its "$schema" is draft-07 without the trailing '#'; removed so the validator uses its
    // built-in draft-07 dialect instead of trying to download a meta-schema. Its relative "$id"
    // resolves against the file's own location.
    schema.remove("$schema");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(SchemaLocation.of(spec.toUri().toString()), schema);
  }

  private static JsonNode service(String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("service %s exists", name).isTrue();
    return service;
  }

  @Test
  void isValidAgainstTheComposeSpecification() throws IOException {
    List<Error> errors = composeSchema().validate(compose);

    assertThat(errors).as("schema errors in docker-compose.yml").isEmpty();
  }

  @Test
  void theSchemaCheckRejectsAMalformedFile() throws IOException {
    JsonNode broken =
        YAML.readTree(
            """
            services:
              ollama:
                image: ollama/ollama
                ports: 11434
                restart: sometimes-maybe
                healthcheck:
                  test: 42
            volumes:
              ollama-data: true
            """);

    assertThat(composeSchema().validate(broken)).isNotEmpty();
  }

  @Test
  void keepsModelsInTheNamedVolumeMountedAtRootOllama() {
    JsonNode ollama = service("ollama");
    assertThat(ollama.path("image").asString()).startsWith("ollama/ollama");
    List<String> namedVolumesAtModels = new ArrayList<>();
    for (JsonNode volume : ollama.path("volumes")) {
      volumeMount(volume)
          .filter(mount -> mount.target().equals("/root/.ollama"))
          .ifPresent(mount -> namedVolumesAtModels.add(mount.source()));
    }
    assertThat(namedVolumesAtModels)
        .as("volume mounted at /root/.ollama")
        .containsExactly("ollama-data");
    assertThat(compose.path("volumes").has("ollama-data"))
        .as("ollama-data declared under the top-level volumes")
        .isTrue();
  }

  @Test
  void checksOllamasHealthWithACommandTheImageHas() {
    JsonNode test = service("ollama").path("healthcheck").path("test");
    assertThat(test.isArray()).isTrue();
    assertThat(test.get(0).asString()).isIn("CMD", "CMD-SHELL");
    assertThat(text(test)).contains("ollama").doesNotContain("curl", "wget");
    assertThat(service("ollama").path("healthcheck").path("disable").asBoolean(false)).isFalse();
  }

  @Test
  void publishesOllamaOnLoopbackOnly() {
    JsonNode ports = service("ollama").path("ports");
    assertThat(ports.size()).isPositive();
    for (JsonNode port : ports) {
      String hostIp =
          port.isObject() ? port.path("host_ip").asString("") : port.asString().split(":")[0];
      assertThat(hostIp).as("host address of %s", port).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void letsOllamasHostPortMoveWhenAnotherOllamaHoldsIt() {
    // README, Troubleshooting: "OLLAMA_PORT=11435 docker compose up -d".
    assertThat(text(service("ollama").path("ports")))
        .contains("127.0.0.1:${OLLAMA_PORT:-11434}:11434");
  }

  @Test
  void pullsTheModelOnceOllamaIsHealthyAndOnlyWhenMissing() {
    JsonNode pull = service("ollama-pull");
    assertThat(pull.path("image").asString()).isEqualTo(service("ollama").path("image").asString());
    assertThat(pull.path("depends_on").path("ollama").path("condition").asString())
        .isEqualTo("service_healthy");
    assertThat(pull.path("restart").asString()).isEqualTo("no");
    assertThat(pull.path("environment").path("OLLAMA_HOST").asString())
        .isEqualTo("http://ollama:11434");
    assertThat(pull.path("environment").path("MODEL").asString())
        .isEqualTo("${OLLAMA_MODEL:-7shi/ezo-gemma-2-jpn:2b-instruct-q8_0}");
    String script = text(pull.path("entrypoint")) + " " + text(pull.path("command"));
    assertThat(script).contains("ollama show", "|| ollama pull", "$$MODEL");
  }

  @Test
  void startsTheExamplesOnlyAfterThePullCompleted() {
    for (String name : List.of("cors-proxy", "schedule-suggester")) {
      JsonNode app = service(name);
      assertThat(app.path("depends_on").path("ollama-pull").path("condition").asString())
          .as("%s waits for the pull", name)
          .isEqualTo("service_completed_successfully");
      assertThat(app.path("environment").path("OLLAMA_HOST").asString())
          .isEqualTo("http://ollama:11434");
      assertThat(app.path("environment").path("OLLAMA_MODEL").asString())
          .isEqualTo("${OLLAMA_MODEL:-7shi/ezo-gemma-2-jpn:2b-instruct-q8_0}");
      assertThat(app.path("environment").path("APP_CORS_ALLOWED_ORIGINS").asString())
          .isEqualTo("http://localhost:3000");
    }
    assertThat(text(service("cors-proxy").path("ports"))).contains(":8080:8080");
    assertThat(text(service("schedule-suggester").path("ports"))).contains(":8081:8081");
  }

  @Test
  void servesTheStaticPageReadOnlyOnPort3000() {
    JsonNode web = service("web");
    assertThat(web.path("image").asString()).startsWith("nginx:");
    assertThat(text(web.path("ports"))).contains(":3000:80");
    assertThat(web.path("volumes").get(0).asString())
        .isEqualTo("./examples/web:/usr/share/nginx/html:ro");
  }

  @Test
  void installsNothingWhenAContainerStarts() {
    compose
        .path("services")
        .properties()
        .forEach(
            entry -> {
              String run =
                  text(entry.getValue().path("entrypoint"))
                      + " "
                      + text(entry.getValue().path("command"));
              assertThat(installers(run))
                  .as("installs at start in service %s", entry.getKey())
                  .isEmpty();
            });
  }

  @Test
  void theInstallCheckCatchesTheSeedsMistakes() {
    assertThat(installers("sh -c \"apt-get update && apt-get install -y curl && ollama serve\""))
        .containsOnly("apt-get");
    assertThat(installers("npm install && npm start")).containsOnly("npm");
    assertThat(installers("./mvnw spring-boot:run")).containsOnly("mvnw");
    assertThat(installers("pip install -r requirements.txt")).containsOnly("pip");
    assertThat(installers("apk add --no-cache curl")).containsOnly("apk");
    assertThat(installers("ollama show \"$$MODEL\" || ollama pull \"$$MODEL\"")).isEmpty();
  }

  @Test
  void theDockerfileCheckRejectsASingleStageImageThatInstallsAtStart() {
    DockerfileCheck seed =
        DockerfileCheck.of(
            """
            FROM eclipse-temurin:17-jdk
            WORKDIR /app
            COPY . .
            CMD ["sh", "-c", "./mvnw spring-boot:run"]
            """);

    assertThatThrownBy(() -> seed.assertMultiStageNonRootBuildTimeInstall("seed"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stages");
  }

  @Test
  void theDockerfileCheckRejectsAFinalStageRunningAsRoot() {
    DockerfileCheck root =
        DockerfileCheck.of(
            """
            FROM maven:3.9-eclipse-temurin-17 AS build
            RUN mvn -B package \
                  -DskipTests
            FROM eclipse-temurin:17-jre
            USER app
            USER root
            """);

    assertThatThrownBy(() -> root.assertMultiStageNonRootBuildTimeInstall("root"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("final USER");
  }

  @TestFactory
  Stream<DynamicTest> buildsEveryImageFromAMultiStageNonRootDockerfile() {
    List<DynamicTest> tests = new ArrayList<>();
    compose
        .path("services")
        .properties()
        .forEach(
            entry -> {
              JsonNode build = entry.getValue().path("build");
              if (build.isMissingNode()) {
                return;
              }
              String name = entry.getKey();
              tests.add(DynamicTest.dynamicTest(name, () -> checkBuild(name, build)));
            });
    assertThat(tests).as("services built from this repository").hasSizeGreaterThanOrEqualTo(2);
    return tests.stream();
  }

  private static void checkBuild(String service, JsonNode build) throws IOException {
    assertThat(build.isObject()).as("%s build has context and dockerfile", service).isTrue();
    assertThat(build.path("context").asString()).as("%s build context", service).isEqualTo(".");
    String dockerfile = build.path("dockerfile").asString("");
    assertThat(dockerfile)
        .as("%s dockerfile", service)
        .startsWith("examples/")
        .endsWith("/Dockerfile");
    Path file = root.resolve(dockerfile);
    assertThat(file).as("%s's Dockerfile", service).isRegularFile();
    DockerfileCheck.of(Files.readString(file)).assertMultiStageNonRootBuildTimeInstall(dockerfile);
  }

  static Optional<Mount> volumeMount(JsonNode volume) {
    if (volume.isObject()) {
      return Optional.of(
          new Mount(volume.path("source").asString(""), volume.path("target").asString("")));
    }
    String[] parts = volume.asString().split(":");
    return parts.length >= 2 ? Optional.of(new Mount(parts[0], parts[1])) : Optional.empty();
  }

  static List<String> installers(String command) {
    List<String> found = new ArrayList<>();
    INSTALLS
        .matcher(command)
        .results()
        .forEach(m -> found.add(m.group(1).toLowerCase(Locale.ROOT)));
    return found;
  }

  /** A node as one string: a scalar's text, a list's items joined by spaces. */
  static String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(text(item)));
      return String.join(" ", items);
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  record Mount(String source, String target) {}
}
