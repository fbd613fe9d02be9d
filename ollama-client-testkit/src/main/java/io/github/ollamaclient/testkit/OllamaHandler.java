package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each request the way Ollama's server does and answers it from the fake's script. */
final class OllamaHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(OllamaHandler.class);

  private final FakeOllama fake;
  private final Inference inference;
  private final ModelOps modelOps;
  private final CloudOps cloudOps;

  OllamaHandler(FakeOllama fake) {
    this.fake = fake;
    this.inference = new Inference(fake);
    this.modelOps = new ModelOps(fake);
    this.cloudOps = new CloudOps(fake);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
    byte[] body = exchange.getRequestBody().readAllBytes();
    RecordedRequest request = fake.record(method, path, query, exchange.getRequestHeaders(), body);
    log.debug("FakeOllama {} {}", method, path);
    Answer answer = new Answer(exchange);
    try {
      answer.fault(fake.pollNextFault());
      route(method, path, request, answer);
    } catch (Answer.Done done) {
      // The response is complete.
    } catch (Answer.Cut cut) {
      log.debug("FakeOllama cuts the connection of {} {}", method, path);
      throw cut;
    } catch (IOException e) {
      log.debug("FakeOllama could not finish {} {}: {}", method, path, e.toString());
      throw e;
    } catch (RuntimeException e) {
      log.debug("FakeOllama failed on {} {}", method, path, e);
      answer.error(500, e.toString());
    }
  }

  private void route(String method, String path, RecordedRequest request, Answer answer)
      throws IOException {
    boolean get = method.equals("GET") || method.equals("HEAD");
    boolean post = method.equals("POST");
    switch (path) {
      case "/":
        if (get) {
          answer.text(200, "Ollama is running");
          return;
        }
        break;
      case "/api/version":
        if (get) {
          answer.json(200, Wire.object().put("version", fake.currentVersion()));
          return;
        }
        break;
      case "/api/status":
        if (method.equals("GET")) {
          cloudOps.status(answer);
          return;
        }
        break;
      case "/api/me":
        if (post) {
          cloudOps.me(answer);
          return;
        }
        break;
      case "/api/experimental/web_search":
        if (post) {
          cloudOps.webSearch(request, answer);
          return;
        }
        break;
      case "/api/experimental/web_fetch":
        if (post) {
          cloudOps.webFetch(request, answer);
          return;
        }
        break;
      case "/api/experimental/model-recommendations":
        if (method.equals("GET")) {
          cloudOps.modelRecommendations(answer);
          return;
        }
        break;
      case "/api/tags":
        if (get) {
          answer.json(200, tags());
          return;
        }
        break;
      case "/api/ps":
        if (method.equals("GET")) {
          answer.json(200, ps());
          return;
        }
        break;
      case "/api/chat":
        if (post) {
          inference.chatOrGenerate(request, answer, true);
          return;
        }
        break;
      case "/api/generate":
        if (post) {
          inference.chatOrGenerate(request, answer, false);
          return;
        }
        break;
      case "/api/embed":
        if (post) {
          inference.embed(request, answer);
          return;
        }
        break;
      case "/api/embeddings":
        if (post) {
          inference.legacyEmbeddings(request, answer);
          return;
        }
        break;
      case "/api/show":
        if (post) {
          modelOps.show(request, answer);
          return;
        }
        break;
      case "/api/pull":
        if (post) {
          modelOps.pull(request, answer);
          return;
        }
        break;
      case "/api/push":
        if (post) {
          modelOps.push(request, answer);
          return;
        }
        break;
      case "/api/create":
        if (post) {
          modelOps.create(request, answer);
          return;
        }
        break;
      case "/api/copy":
        if (post) {
          modelOps.copy(request, answer);
          return;
        }
        break;
      case "/api/delete":
        if (method.equals("DELETE")) {
          modelOps.delete(request, answer);
          return;
        }
        break;
      default:
        if (path.startsWith("/api/blobs/") && (method.equals("HEAD") || post)) {
          modelOps.blob(request, path.substring("/api/blobs/".length()), answer);
          return;
        }
        answer.text(404, "404 page not found");
        return;
    }
    // Gin, with HandleMethodNotAllowed, answers a known path with the wrong method so.
    answer.text(405, "405 method not allowed");
  }

  private ObjectNode tags() {
    ArrayNode list = Wire.JSON.createArrayNode();
    fake.installedModels().stream()
        .sorted(Comparator.comparing(FakeModel::modified).reversed())
        .forEach(
            model -> {
              ObjectNode entry = list.addObject();
              entry.put("name", model.name());
              entry.put("model", model.name());
              if (!model.remoteModel().isEmpty()) {
                entry.put("remote_model", model.remoteModel());
                entry.put("remote_host", model.remoteHost());
              }
              entry.put("modified_at", Wire.localTimestamp(model.modified()));
              entry.put("size", model.sizeBytes());
              entry.put("digest", model.digestHex());
              entry.set("details", details(model));
              ArrayNode capabilities = entry.putArray("capabilities");
              model.capabilityList().forEach(capabilities::add);
            });
    ObjectNode body = Wire.object();
    body.set("models", list);
    return body;
  }

  private ObjectNode ps() {
    ArrayNode list = Wire.JSON.createArrayNode();
    List<FakeOllama.Loaded> running = fake.loadedModels();
    running.stream()
        .sorted(Comparator.comparing(FakeOllama.Loaded::expiresAt).reversed())
        .forEach(
            entry -> {
              FakeModel model = entry.model();
              ObjectNode item = list.addObject();
              item.put("name", model.name());
              item.put("model", model.name());
              item.put("size", model.sizeBytes());
              item.put("digest", model.digestHex());
              item.set("details", details(model));
              item.put("expires_at", Wire.localTimestamp(entry.expiresAt()));
              item.put("size_vram", model.sizeBytes());
              item.put("context_length", entry.contextLength());
            });
    ObjectNode body = Wire.object();
    body.set("models", list);
    return body;
  }

  static ObjectNode details(FakeModel model) {
    ObjectNode details = Wire.object();
    details.put("parent_model", model.parent());
    details.put("format", model.formatName());
    details.put("family", model.familyName());
    ArrayNode families = details.putArray("families");
    model.familyNames().forEach(families::add);
    details.put("parameter_size", model.parameterSizeLabel());
    details.put("quantization_level", model.quantization());
    // Ollama 0.33 reports both lengths here too (omitted when 0).
    details.put("context_length", model.contextTokens());
    if (model.dimension() > 0) {
      details.put("embedding_length", model.dimension());
    }
    return details;
  }

  /** Reads the JSON body as Ollama's handlers do, answering 400 when it is missing or broken. */
  static JsonNode requireBody(RecordedRequest request, Answer answer) throws IOException {
    if (request.bodyBytes().length == 0) {
      answer.error(400, "missing request body");
      throw new Answer.Done();
    }
    JsonNode body = request.body();
    if (body.isMissingNode()) {
      answer.error(400, "invalid character looking for beginning of value");
      throw new Answer.Done();
    }
    if (!body.isObject()) {
      answer.error(
          400,
          "json: cannot unmarshal "
              + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " into Go value of type api.Request");
      throw new Answer.Done();
    }
    return body;
  }
}
