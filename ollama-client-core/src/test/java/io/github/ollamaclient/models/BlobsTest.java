package io.github.ollamaclient.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ollamaclient.MockOllama;
import io.github.ollamaclient.error.OllamaHttpException;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobsTest {
  @RegisterExtension final MockOllama ollama = new MockOllama();

  @TempDir Path dir;

  /** A file larger than any read buffer, so the digest and upload run over many reads. */
  private Path modelFile(String name, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  private static String sha256sum(Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sha256sum", file.toString()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return "sha256:" + out.substring(0, 64);
  }

  private void enqueueStatus(int status) {
    ollama.enqueue(new MockResponse.Builder().code(status).build());
  }

  @Test
  void digestEqualsSha256sumOfTheFile() throws Exception {
    Path file = modelFile("model.gguf", 300_000, 1);
    enqueueStatus(200);

    String digest = ollama.client().createBlob(file);

    assertThat(digest).isEqualTo(sha256sum(file)).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void existingBlobIsNotUploadedAgain() throws Exception {
    Path file = modelFile("model.gguf", 1000, 2);
    enqueueStatus(200);

    String digest = ollama.client().createBlob(file);

    RecordedRequest head = ollama.takeRequest();
    assertThat(head.getMethod()).isEqualTo("HEAD");
    assertThat(head.getTarget()).isEqualTo("/api/blobs/" + digest);
    assertThat(ollama.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void missingBlobIsUploadedWithTheFilesExactBytes() throws Exception {
    Path file = modelFile("model.gguf", 300_000, 3);
    enqueueStatus(404);
    enqueueStatus(201);

    String digest = ollama.client().createBlob(file);

    assertThat(ollama.takeRequest().getMethod()).isEqualTo("HEAD");
    RecordedRequest upload = ollama.takeRequest();
    assertThat(upload.getMethod()).isEqualTo("POST");
    assertThat(upload.getTarget()).isEqualTo("/api/blobs/" + digest);
    assertThat(upload.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(upload.getHeaders().get("Content-Length")).isEqualTo("300000");
    assertThat(upload.getBody().toByteArray()).isEqualTo(Files.readAllBytes(file));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201})
  void uploadSucceedsWithCreatedOrOk(int status) throws Exception {
    Path file = modelFile("model.gguf", 10, 4);
    enqueueStatus(404);
    enqueueStatus(status);

    assertThat(ollama.client().createBlob(file)).isEqualTo(sha256sum(file));
    assertThat(ollama.server().getRequestCount()).isEqualTo(2);
  }

  @Test
  void digestMismatchFailsWithTheServersError() throws Exception {
    Path file = modelFile("model.gguf", 10, 5);
    enqueueStatus(404);
    ollama.enqueueJson(400, "{\"error\":\"digest mismatch, expected sha256:aa, got sha256:bb\"}");

    assertThatThrownBy(() -> ollama.client().createBlob(file))
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("POST /api/blobs/sha256:")
        .hasMessageContaining("digest mismatch");
  }

  @Test
  void missingLocalFileFailsBeforeAnyRequest() {
    Path missing = dir.resolve("nope.gguf");

    assertThatThrownBy(() -> ollama.client().createBlob(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file must be a readable regular file")
        .hasMessageContaining("nope.gguf");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void blobExistsAsksWithHead() {
    String digest = "sha256:" + "ab".repeat(32);
    enqueueStatus(200);
    enqueueStatus(404);

    assertThat(ollama.client().blobExists(digest)).isTrue();
    assertThat(ollama.client().blobExists(digest)).isFalse();
    RecordedRequest head = ollama.takeRequest();
    assertThat(head.getMethod()).isEqualTo("HEAD");
    assertThat(head.getTarget()).isEqualTo("/api/blobs/" + digest);
  }

  @Test
  void blobExistsFailsOnAnUnexpectedStatus() {
    enqueueStatus(500);

    assertThatThrownBy(() -> ollama.client().blobExists("sha256:" + "0".repeat(64)))
        .isInstanceOfSatisfying(
            OllamaHttpException.class, e -> assertThat(e.statusCode()).isEqualTo(500))
        .hasMessageContaining("HEAD /api/blobs/sha256:");
  }

  @Test
  void blobExistsRejectsAMalformedDigestByName() {
    assertThatThrownBy(() -> ollama.client().blobExists("29fdb92e57cf0827ded04ae6461b5931"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("digest must be \"sha256:\" followed by 64 lowercase hex digits")
        .hasMessageContaining("29fdb92e57cf0827ded04ae6461b5931");
    assertThat(ollama.server().getRequestCount()).isZero();
  }

  @Test
  void createWithLocalFilesUploadsThemThenSendsTheirDigests() throws Exception {
    Path gguf = modelFile("model.gguf", 5000, 6);
    Path adapter = modelFile("adapter.gguf", 700, 7);
    String ggufDigest = sha256sum(gguf);
    String adapterDigest = sha256sum(adapter);
    enqueueStatus(404); // model.gguf is new
    enqueueStatus(201);
    enqueueStatus(200); // adapter.gguf is already there
    ollama.enqueueNdjson("{\"status\":\"parsing GGUF\"}", "{\"status\":\"success\"}");

    try (ResponseStream<ProgressResponse> stream =
        ollama
            .client()
            .create(
                CreateRequest.builder("my-gguf-model")
                    .file("model.gguf", gguf)
                    .adapter("adapter.gguf", adapter)
                    .build())) {
      assertThat(stream.aggregate().isSuccess()).isTrue();
    }

    RecordedRequest headModel = ollama.takeRequest();
    assertThat(headModel.getMethod() + " " + headModel.getTarget())
        .isEqualTo("HEAD /api/blobs/" + ggufDigest);
    RecordedRequest upload = ollama.takeRequest();
    assertThat(upload.getMethod() + " " + upload.getTarget())
        .isEqualTo("POST /api/blobs/" + ggufDigest);
    assertThat(upload.getBody().toByteArray()).isEqualTo(Files.readAllBytes(gguf));
    RecordedRequest headAdapter = ollama.takeRequest();
    assertThat(headAdapter.getMethod() + " " + headAdapter.getTarget())
        .isEqualTo("HEAD /api/blobs/" + adapterDigest);
    RecordedRequest create = ollama.takeRequest();
    assertThat(create.getTarget()).isEqualTo("/api/create");
    assertThat(MockOllama.parse(create))
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "my-gguf-model",
                 "files": {"model.gguf": "%s"},
                 "adapters": {"adapter.gguf": "%s"},
                 "stream": true}
                """
                    .formatted(ggufDigest, adapterDigest)));
  }

  @Test
  void localDraftFilesAreUploadedThenSentAsDraftFiles() throws Exception {
    Path draft = modelFile("draft.gguf", 900, 8);
    String draftDigest = sha256sum(draft);
    enqueueStatus(404); // draft.gguf is new
    enqueueStatus(201);
    ollama.enqueueNdjson("{\"status\":\"success\"}");

    try (ResponseStream<ProgressResponse> stream =
        ollama
            .client()
            .create(
                CreateRequest.builder("fast-model")
                    .from("llama3.2")
                    .draftFile("draft.gguf", draft)
                    .build())) {
      assertThat(stream.aggregate().isSuccess()).isTrue();
    }

    assertThat(ollama.takeRequest().getTarget()).isEqualTo("/api/blobs/" + draftDigest);
    RecordedRequest upload = ollama.takeRequest();
    assertThat(upload.getMethod() + " " + upload.getTarget())
        .isEqualTo("POST /api/blobs/" + draftDigest);
    assertThat(upload.getBody().toByteArray()).isEqualTo(Files.readAllBytes(draft));
    assertThat(ollama.takeJsonBody())
        .isEqualTo(
            MockOllama.json(
                """
                {"model": "fast-model", "from": "llama3.2",
                 "draft_files": {"draft.gguf": "%s"}, "stream": true}
                """
                    .formatted(draftDigest)));
  }
}
