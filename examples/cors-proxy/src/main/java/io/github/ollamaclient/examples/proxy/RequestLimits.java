package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Tool;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.embed.EmbedRequest;
import io.github.ollamaclient.examples.common.RequestJson;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.inference.Options;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What one page may ask of the GPU, checked on the typed request before it takes a slot: a request
 * that asks more is refused with a 400 naming the field and the limit, never clamped in silence.
 *
 * <ul>
 *   <li>{@code options.num_predict}: an integer from 0 to {@code app.max-num-predict}; a request
 *       that sets none gets the limit, since Ollama's default is to generate until the model stops
 *       or the context is full.
 *   <li>{@code options.num_ctx}: an integer from 1 to {@code app.max-num-ctx}: a larger context
 *       reloads the model with a larger memory reservation.
 *   <li>The options that decide how the server loads the model ({@code num_batch}, {@code num_gpu},
 *       ...) are refused: each change reloads the model for every page.
 *   <li>{@code keep_alive} from {@code app.min-keep-alive} to {@code app.max-keep-alive}: below
 *       would let a page unload a model others use, above (or negative) would pin it.
 *   <li>All the text a request carries, at most {@code app.max-prompt-chars} characters.
 * </ul>
 *
 * <p>A capped number must be a JSON integer: {@code 1.5}, {@code "10"} or {@code true} are refused,
 * and so is an integer too large for any Java type, which a {@code longValue()} would wrap into
 * range (2^64 + 100 is 100 to it).
 */
@Component
final class RequestLimits {
  /** Runner options: Ollama reloads the model when one changes, whoever asked. */
  private static final Set<String> LOAD_OPTIONS =
      Set.of("num_batch", "num_gpu", "main_gpu", "use_mmap", "num_thread", "draft_num_predict");

  private final Cap numPredict;
  private final Cap numCtx;
  private final int maxPromptChars;
  private final Duration minKeepAlive;
  private final Duration maxKeepAlive;

  RequestLimits(ProxyProperties properties) {
    this.numPredict =
        new Cap("num_predict", "app.max-num-predict", 0, properties.getMaxNumPredict());
    this.numCtx = new Cap("num_ctx", "app.max-num-ctx", 1, properties.getMaxNumCtx());
    this.maxPromptChars = properties.getMaxPromptChars();
    this.minKeepAlive = properties.getMinKeepAlive();
    this.maxKeepAlive = properties.getMaxKeepAlive();
    if (minKeepAlive.compareTo(maxKeepAlive) > 0) {
      throw new IllegalArgumentException(
          "app.min-keep-alive "
              + goDuration(minKeepAlive)
              + " is longer than app.max-keep-alive "
              + goDuration(maxKeepAlive));
    }
  }

  ChatRequest apply(ChatRequest request) {
    long chars = schemaChars(request.format());
    for (Message message : request.messages()) {
      chars +=
          message.content().length()
              + message.thinking().map(String::length).orElse(0)
              + message.toolName().map(String::length).orElse(0);
      for (ToolCall call : message.toolCalls()) {
        chars += call.name().length() + jsonChars(call.arguments());
      }
    }
    for (Tool tool : request.tools()) {
      chars += tool.name().length() + tool.description().length() + jsonChars(tool.parameters());
    }
    checkText("messages' content, thinking and tool calls, tools and format", chars);
    checkKeepAlive(request.keepAlive());
    return request.toBuilder().options(generating(request.options())).build();
  }

  @SuppressWarnings("deprecation") // context: deprecated by Ollama, still accepted and counted
  GenerateRequest apply(GenerateRequest request) {
    long chars =
        length(request.prompt())
            + length(request.suffix())
            + length(request.system())
            + length(request.template())
            + schemaChars(request.format())
            + request.context().size();
    checkText("prompt, suffix, system, template, format and context", chars);
    checkKeepAlive(request.keepAlive());
    return request.toBuilder().options(generating(request.options())).build();
  }

  EmbedRequest apply(EmbedRequest request) {
    long chars = 0;
    for (String input : request.inputs()) {
      chars += input.length();
    }
    checkText("input", chars);
    checkKeepAlive(request.keepAlive());
    request.options().ifPresent(this::check);
    return request;
  }

  /** The options checked, with num_predict set to the cap when the request set none. */
  private Options generating(Optional<Options> options) {
    options.ifPresent(this::check);
    if (options.flatMap(set -> set.get("num_predict")).isPresent()) {
      return options.get();
    }
    return options
        .map(Options::toBuilder)
        .orElseGet(Options::builder)
        .numPredict(numPredict.max())
        .build();
  }

  private void check(Options options) {
    for (Map.Entry<String, Object> option : options.asMap().entrySet()) {
      String name = option.getKey();
      if (LOAD_OPTIONS.contains(name)) {
        throw ApiException.badRequest(
            "options."
                + name
                + " is not accepted by this proxy: it decides how the server loads the model, and"
                + " a change reloads it for every page; set it on the Ollama server instead");
      }
      if (name.equals(numPredict.option())) {
        numPredict.check(option.getValue());
      } else if (name.equals(numCtx.option())) {
        numCtx.check(option.getValue());
      }
    }
  }

  private void checkKeepAlive(Optional<KeepAlive> keepAlive) {
    if (keepAlive.isEmpty()) {
      return;
    }
    Optional<Duration> duration = keepAlive.get().duration();
    if (duration.isEmpty()
        || duration.get().compareTo(minKeepAlive) < 0
        || duration.get().compareTo(maxKeepAlive) > 0) {
      throw ApiException.badRequest(
          "keep_alive must be from "
              + goDuration(minKeepAlive)
              + " to "
              + goDuration(maxKeepAlive)
              + " (app.min-keep-alive, app.max-keep-alive), was "
              + shown(keepAlive.get())
              + "; leave it out for the server's default");
    }
  }

  private void checkText(String what, long chars) {
    if (chars > maxPromptChars) {
      throw ApiException.badRequest(
          "the request's text ("
              + what
              + ") is "
              + chars
              + " characters, more than this proxy takes (app.max-prompt-chars "
              + maxPromptChars
              + ")");
    }
  }

  private static long length(Optional<String> text) {
    return text.map(String::length).orElse(0);
  }

  private static long schemaChars(Optional<Format> format) {
    return format.flatMap(set -> set.schema()).map(RequestLimits::jsonChars).orElse(0L);
  }

  /** A JSON value's size as the model will read it: its text, names and all. */
  private static long jsonChars(JsonNode json) {
    return json.toString().length();
  }

  /** A value as the page sent it, cut short: the message must not echo a megabyte back. */
  private static String shown(Object value) {
    return RequestJson.shown(Wire.MAPPER.valueToTree(value));
  }

  /** {@code 30m}, {@code 1h30m}: as Ollama's keep_alive is written, by the SDK's KeepAlive. */
  private static String goDuration(Duration duration) {
    return Wire.MAPPER.valueToTree(KeepAlive.of(duration)).asText();
  }

  /** An integer option's allowed range, and the property that sets its top. */
  private record Cap(String option, String property, long min, int max) {
    void check(Object value) {
      JsonNode json = Wire.MAPPER.valueToTree(value);
      // A JSON integer of any size, read whole: longValue() would wrap 2^64 + 100 to 100.
      if (!json.isIntegralNumber()
          || json.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
          || json.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
        throw ApiException.badRequest(
            "options."
                + option
                + " must be an integer from "
                + min
                + " to "
                + max
                + " ("
                + property
                + "), was "
                + shown(value));
      }
    }
  }
}
