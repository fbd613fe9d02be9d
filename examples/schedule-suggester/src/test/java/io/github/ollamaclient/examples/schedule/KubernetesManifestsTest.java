package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.ComposeFileTest.YAML;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code deploy/kubernetes/ollama.yaml} (issue 14): every YAML document parses, the StatefulSet
 * keeps each replica's models in its own claim at {@code /root/.ollama}, pulls the model only when
 * missing, probes {@code /api/version} on 11434, and both Services select its pods.
 */
class KubernetesManifestsTest {
  private static final String MANIFESTS = "deploy/kubernetes/ollama.yaml";

  static Path root;
  static List<JsonNode> documents;

  @BeforeAll
  static void load() throws IOException {
    root = ComposeFileTest.repositoryRoot();
    documents = new ArrayList<>();
    String yaml = Files.readString(root.resolve(MANIFESTS));
    List<JsonNode> parsed = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
    for (JsonNode document : parsed) {
      if (!document.isNull() && !document.isMissingNode()) {
        documents.add(document);
      }
    }
  }

  private static List<JsonNode> ofKind(String kind) {
    return documents.stream().filter(d -> d.path("kind").asString("").equals(kind)).toList();
  }

  private static JsonNode statefulSet() {
    List<JsonNode> sets = ofKind("StatefulSet");
    assertThat(sets).as("StatefulSets in %s", MANIFESTS).hasSize(1);
    return sets.get(0);
  }

  private static JsonNode container(JsonNode podSpec, String list, String name) {
    for (JsonNode container : podSpec.path(list)) {
      if (container.path("name").asString("").equals(name)) {
        return container;
      }
    }
    throw new AssertionError("no " + list + " entry named " + name);
  }

  private static JsonNode podSpec() {
    return statefulSet().path("spec").path("template").path("spec");
  }

  @Test
  void everyDocumentIsAKubernetesObject() {
    assertThat(documents).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode document : documents) {
      assertThat(document.path("apiVersion").asString("")).as("apiVersion").isNotBlank();
      assertThat(document.path("kind").asString("")).as("kind").isNotBlank();
      assertThat(document.path("metadata").path("name").asString("")).as("name").isNotBlank();
    }
    assertThat(statefulSet().path("apiVersion").asString()).isEqualTo("apps/v1");
  }

  @Test
  void runsAtLeastTwoReplicasGovernedByAHeadlessService() {
    JsonNode spec = statefulSet().path("spec");
    assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    String governing = spec.path("serviceName").asString();
    JsonNode headless =
        ofKind("Service").stream()
            .filter(s -> s.path("metadata").path("name").asString().equals(governing))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Service named " + governing));
    assertThat(headless.path("spec").path("clusterIP").asString()).isEqualTo("None");
  }

  @Test
  void keepsEachReplicasModelsInItsOwnClaimAtRootOllama() {
    JsonNode templates = statefulSet().path("spec").path("volumeClaimTemplates");
    assertThat(templates.size()).isEqualTo(1);
    JsonNode claim = templates.get(0);
    String name = claim.path("metadata").path("name").asString();
    assertThat(claim.path("spec").path("resources").path("requests").path("storage").asString())
        .isNotBlank();
    for (String list : List.of("containers", "initContainers")) {
      String containerName = list.equals("containers") ? "ollama" : "pull-model";
      JsonNode mounts = container(podSpec(), list, containerName).path("volumeMounts");
      List<String> atModels = new ArrayList<>();
      mounts.forEach(
          mount -> {
            if (mount.path("mountPath").asString("").equals("/root/.ollama")) {
              atModels.add(mount.path("name").asString());
            }
          });
      assertThat(atModels).as("%s's volume at /root/.ollama", containerName).containsExactly(name);
    }
  }

  @Test
  void probesApiVersionOnOllamasPort() {
    JsonNode ollama = container(podSpec(), "containers", "ollama");
    assertThat(ollama.path("image").asString()).startsWith("ollama/ollama");
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      JsonNode get = ollama.path(probe).path("httpGet");
      assertThat(get.path("path").asString()).as(probe).isEqualTo("/api/version");
      assertThat(get.path("port").asInt()).as(probe).isEqualTo(11434);
    }
    assertThat(ollama.path("resources").path("requests").path("cpu").isMissingNode()).isFalse();
    assertThat(ollama.path("resources").path("requests").path("memory").isMissingNode()).isFalse();
  }

  @Test
  void pullsTheModelOnlyWhenTheVolumeDoesNotHaveIt() {
    JsonNode pull = container(podSpec(), "initContainers", "pull-model");
    assertThat(pull.path("image").asString())
        .isEqualTo(container(podSpec(), "containers", "ollama").path("image").asString());
    String script = ComposeFileTest.text(pull.path("command")) + " " + pull.path("args").toString();
    assertThat(script).contains("ollama serve", "ollama show", "|| ollama pull", "$MODEL");
    assertThat(ComposeFileTest.installers(script)).isEmpty();
  }

  @Test
  void bothServicesSelectTheStatefulSetsPodsOnPort11434() {
    JsonNode podLabels =
        statefulSet().path("spec").path("template").path("metadata").path("labels");
    JsonNode matchLabels = statefulSet().path("spec").path("selector").path("matchLabels");
    matchLabels
        .properties()
        .forEach(
            e ->
                assertThat(podLabels.path(e.getKey()).asString())
                    .as("pod label %s", e.getKey())
                    .isEqualTo(e.getValue().asString()));
    List<JsonNode> services = ofKind("Service");
    assertThat(services).hasSize(2);
    assertThat(services)
        .extracting(s -> s.path("spec").path("type").asString("ClusterIP"))
        .containsOnly("ClusterIP");
    for (JsonNode service : services) {
      String name = service.path("metadata").path("name").asString();
      JsonNode selector = service.path("spec").path("selector");
      assertThat(selector.size()).as("%s selector", name).isPositive();
      selector
          .properties()
          .forEach(
              e ->
                  assertThat(podLabels.path(e.getKey()).asString())
                      .as("%s selects pod label %s", name, e.getKey())
                      .isEqualTo(e.getValue().asString()));
      JsonNode port = service.path("spec").path("ports").get(0);
      assertThat(port.path("port").asInt()).isEqualTo(11434);
    }
    assertThat(services)
        .extracting(s -> s.path("metadata").path("name").asString())
        .contains("ollama");
  }

  @Test
  void explainsGpusInTheReadme() throws IOException {
    assertThat(Files.readString(root.resolve("deploy/kubernetes/README.md")))
        .contains("nvidia.com/gpu", "kubectl apply -f deploy/kubernetes/ollama.yaml");
  }
}
