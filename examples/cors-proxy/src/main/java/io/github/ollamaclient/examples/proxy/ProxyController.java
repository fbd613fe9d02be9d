package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.examples.common.OllamaBusyException;
import io.github.ollamaclient.examples.common.OllamaSlots;
import io.github.ollamaclient.examples.common.RequestJson;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.spring.OllamaClientProperties;
import io.github.ollamaclient.stream.ResponseStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints. Every request is parsed into the SDK's typed requests and every answer written
 * from its typed responses: nothing is passed through as raw bytes. Streamed answers are written
 * and flushed one NDJSON line per chunk, as the chunks arrive from Ollama.
 */
@RestController
final class ProxyController {
  /**
   * The model the examples are written for, used when neither the request nor ollama.model name
   * one.
   */
  static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";

  private static final Logger LOG = LoggerFactory.getLogger(ProxyController.class);

  private final OllamaClient client;
  private final String defaultModel;
  private final long maxBodyBytes;
  private final Duration bodyTimeout;
  private final OllamaSlots slots;
  private final RequestLimits limits;
  private final SlowClients slowClients;
  private final PromptTruncationNotes truncations;

  ProxyController(
      OllamaClient client,
      OllamaClientProperties ollama,
      ProxyProperties app,
      OllamaSlots slots,
      RequestLimits limits,
      SlowClients slowClients,
      PromptTruncationNotes truncations) {
    this.client = client;
    this.truncations = truncations;
    this.slots = slots;
    this.limits = limits;
    this.slowClients = slowClients;
    String configured = ollama.getModel();
    this.defaultModel = configured == null || configured.isBlank() ? DEFAULT_MODEL : configured;
    this.maxBodyBytes = app.getMaxBodySize().toBytes();
    this.bodyTimeout = app.getBodyTimeout();
  }

  /**
   * {@code {"prompt": "...", "model"?: "...", "stream"?: false}}: the answer as {@code {"model",
   * "answer", "done_reason", ...}}, or with {@code "stream": true} as NDJSON lines {@code {"model",
   * "answer": "<piece>", "done": false}}, the last with {@code "done": true} and the statistics.
   */
  @PostMapping("/ask-llm")
  void ask(HttpServletRequest request, HttpServletResponse response) throws IOException {
    WireRequests.Ask asked = RequestJson.read(body(request), WireRequests.Ask.class);
    String model = asked.model() == null || asked.model().isBlank() ? defaultModel : asked.model();
    ChatRequest chat =
        limits.apply(ChatRequest.builder(model).message(Message.user(asked.prompt())).build());
    if (Boolean.TRUE.equals(asked.stream())) {
      stream(response, () -> client.chatStream(chat), ProxyController::askChunk);
    } else {
      Wire.write(response, 200, truncations.mark(askChunk(call(() -> client.chat(chat)))));
    }
  }

  /** {@code POST /api/chat}, streamed unless the request says {@code "stream": false}. */
  @PostMapping("/api/chat")
  void chat(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonNode body = body(request);
    ChatRequest chat = limits.apply(WireRequests.request(body, ChatRequest.class));
    if (WireRequests.streams(body)) {
      stream(response, () -> client.chatStream(chat), WireResponses::chat);
    } else {
      Wire.write(
          response, 200, truncations.mark(WireResponses.chat(call(() -> client.chat(chat)))));
    }
  }

  /** {@code POST /api/generate}, streamed unless the request says {@code "stream": false}. */
  @PostMapping("/api/generate")
  void generate(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonNode body = body(request);
    GenerateRequest generate = limits.apply(WireRequests.request(body, GenerateRequest.class));
    if (WireRequests.streams(body)) {
      stream(response, () -> client.generateStream(generate), WireResponses::generate);
    } else {
      Wire.write(
          response,
          200,
          truncations.mark(WireResponses.generate(call(() -> client.generate(generate)))));
    }
  }

  /** {@code POST /api/embed}. */
  @PostMapping("/api/embed")
  void embed(HttpServletRequest request, HttpServletResponse response) throws IOException {
    EmbedRequest embed = limits.apply(WireRequests.request(body(request), EmbedRequest.class));
    Wire.write(response, 200, WireResponses.embed(call(() -> client.embed(embed))));
  }

  /** {@code POST /api/show}. */
  @PostMapping("/api/show")
  void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
    WireRequests.Show show = RequestJson.read(body(request), WireRequests.Show.class);
    boolean verbose = Boolean.TRUE.equals(show.verbose());
    Wire.write(response, 200, WireResponses.show(ask(() -> client.show(show.model(), verbose))));
  }

  /** {@code GET /api/tags}. */
  @GetMapping("/api/tags")
  void tags(HttpServletResponse response) throws IOException {
    Wire.write(response, 200, WireResponses.tags(ask(client::list)));
  }

  /** {@code GET /api/version}. */
  @GetMapping("/api/version")
  void version(HttpServletResponse response) throws IOException {
    Wire.write(response, 200, WireResponses.version(ask(client::version)));
  }

  @ExceptionHandler(ApiException.class)
  void refuse(ApiException e, HttpServletResponse response) throws IOException {
    LOG.debug("answering {}: {}", e.status(), e.getMessage());
    if (!response.isCommitted()) {
      if (e.status() == 408 || e.status() == 413) {
        // The rest of the body may still be on its way: SlowBodyValve ends the connection rather
        // than read it, and the client must know not to send its next request on this one.
        response.setHeader("Connection", "close");
      }
      Wire.error(response, e.status(), e.getMessage());
    }
  }

  /** A field of the proxy's own requests that is unknown, of the wrong type or missing. */
  @ExceptionHandler(InvalidRequestException.class)
  void invalid(InvalidRequestException e, HttpServletResponse response) throws IOException {
    refuse(ApiException.badRequest(e.getMessage(), e), response);
  }

  /** Every slot taken, and the queue full or too slow: 503, saying when to try again. */
  @ExceptionHandler(OllamaBusyException.class)
  void busy(OllamaBusyException e, HttpServletResponse response) throws IOException {
    response.setHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
    // A page may read it only when told so: it says "busy, try again in N s".
    response.setHeader("Access-Control-Expose-Headers", "Retry-After");
    refuse(new ApiException(503, e.getMessage(), e), response);
  }

  private JsonNode body(HttpServletRequest request) throws IOException {
    return WireRequests.read(request.getInputStream(), maxBodyBytes, bodyTimeout);
  }

  /** A call to Ollama that needs a slot (chat, generate, embed): waits for one, or is refused. */
  private <T> T call(Supplier<T> ollamaCall) {
    truncations.clear();
    OllamaSlots.Slot slot = slots.take();
    try {
      return ask(ollamaCall);
    } finally {
      slot.close();
    }
  }

  /** A call that does not run the model (show, tags, version): no slot. */
  private <T> T ask(Supplier<T> ollamaCall) {
    try {
      return ollamaCall.get();
    } catch (OllamaException e) {
      throw OllamaFailures.toApi(e, client.baseUrl());
    }
  }

  /**
   * Writes each chunk as one line and flushes it, so the page sees the answer grow. A failure in
   * the middle ends the stream with an {@code {"error": ...}} line, as Ollama does; a page that
   * went away closes the stream, which stops the generation in Ollama.
   */
  private <T> void stream(
      HttpServletResponse response,
      Supplier<ResponseStream<T>> open,
      Function<T, ObjectNode> toWire) {
    truncations.clear();
    // The slot is held until the stream ends, however it ends: the model runs that long.
    OllamaSlots.Slot slot = slots.take();
    try (slot;
        ResponseStream<T> chunks = ask(open);
        SlowClients.Watch watch = slowClients.watch(() -> giveUp(chunks, slot))) {
      response.setStatus(200);
      response.setContentType(Wire.NDJSON);
      response.flushBuffer();
      try {
        for (T chunk : chunks) {
          watch.writing();
          Wire.line(response, truncations.mark(toWire.apply(chunk)));
          watch.written();
        }
      } catch (OllamaException e) {
        String reason =
            watch.gaveUp()
                ? watch.reason()
                : OllamaFailures.toApi(e, client.baseUrl()).getMessage();
        Wire.line(response, Map.of("error", reason));
      }
    } catch (IOException e) {
      LOG.debug("client went away while streaming; stopping the generation: {}", e.toString());
    }
  }

  /** Ends a stream whose page stopped reading: the model stops, and its slot is free at once. */
  private static void giveUp(ResponseStream<?> chunks, OllamaSlots.Slot slot) {
    chunks.close();
    slot.close();
  }

  private static ObjectNode askChunk(ChatResponse chunk) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("model", chunk.model());
    json.put("answer", chunk.message().content());
    chunk.message().thinking().ifPresent(thinking -> json.put("thinking", thinking));
    json.put("done", chunk.done());
    chunk.doneReason().ifPresent(reason -> json.put("done_reason", reason));
    chunk.metrics().ifPresent(metrics -> WireResponses.metrics(json, metrics));
    return json;
  }
}
