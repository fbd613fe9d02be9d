package io.github.ollamaclient.examples.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.inference.DebugInfo;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.inference.Metrics;
import io.github.ollamaclient.inference.RemoteModel;
import io.github.ollamaclient.models.ModelDetails;
import io.github.ollamaclient.models.ModelSummary;
import io.github.ollamaclient.models.ShowResponse;
import java.time.Instant;
import java.util.List;

/** The SDK's typed answers written back in Ollama's wire shape (snake_case, nanoseconds). */
final class WireResponses {
  private WireResponses() {}

  static ObjectNode chat(ChatResponse response) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("model", response.model());
    json.put("created_at", response.createdAt().toString());
    json.set("message", Wire.MAPPER.valueToTree(response.message()));
    json.put("done", response.done());
    response.doneReason().ifPresent(reason -> json.put("done_reason", reason));
    response.debugInfo().ifPresent(info -> debugInfo(json, info));
    response.metrics().ifPresent(metrics -> metrics(json, metrics));
    logprobs(json, response.logprobs());
    response.remote().ifPresent(remote -> remote(json, remote));
    return json;
  }

  static ObjectNode generate(GenerateResponse response) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("model", response.model());
    json.put("created_at", response.createdAt().toString());
    json.put("response", response.response());
    response.thinking().ifPresent(thinking -> json.put("thinking", thinking));
    json.put("done", response.done());
    response.doneReason().ifPresent(reason -> json.put("done_reason", reason));
    if (!response.context().isEmpty()) {
      ArrayNode context = json.putArray("context");
      response.context().forEach(context::add);
    }
    if (!response.toolCalls().isEmpty()) {
      json.set("tool_calls", Wire.MAPPER.valueToTree(response.toolCalls()));
    }
    response.debugInfo().ifPresent(info -> debugInfo(json, info));
    response.metrics().ifPresent(metrics -> metrics(json, metrics));
    logprobs(json, response.logprobs());
    response.remote().ifPresent(remote -> remote(json, remote));
    return json;
  }

  static ObjectNode embed(EmbedResponse response) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("model", response.model());
    ArrayNode embeddings = json.putArray("embeddings");
    for (float[] vector : response.embeddings()) {
      ArrayNode values = embeddings.addArray();
      for (float value : vector) {
        values.add(value);
      }
    }
    response
        .metrics()
        .ifPresent(
            metrics -> {
              json.put("total_duration", metrics.totalDuration().toNanos());
              json.put("load_duration", metrics.loadDuration().toNanos());
              json.put("prompt_eval_count", metrics.promptEvalCount());
            });
    return json;
  }

  static ObjectNode tags(List<ModelSummary> models) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    ArrayNode list = json.putArray("models");
    for (ModelSummary model : models) {
      ObjectNode entry = list.addObject();
      entry.put("name", model.name());
      entry.put("model", model.model());
      entry.put("modified_at", model.modifiedAt().toString());
      entry.put("size", model.size());
      entry.put("digest", model.digest());
      entry.set("details", details(model.details()));
      model.remote().ifPresent(remote -> remote(entry, remote));
      if (!model.capabilities().isEmpty()) {
        ArrayNode capabilities = entry.putArray("capabilities");
        model.capabilities().forEach(capabilities::add);
      }
    }
    return json;
  }

  static ObjectNode show(ShowResponse show) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("modelfile", show.modelfile());
    json.put("parameters", show.parameters());
    json.put("template", show.template());
    show.system().ifPresent(system -> json.put("system", system));
    show.license().ifPresent(license -> json.put("license", license));
    json.set("details", details(show.details()));
    json.set("model_info", show.modelInfo());
    ArrayNode capabilities = json.putArray("capabilities");
    show.capabilities().forEach(capabilities::add);
    if (!show.modifiedAt().equals(Instant.EPOCH)) {
      json.put("modified_at", show.modifiedAt().toString());
    }
    show.remote().ifPresent(remote -> remote(json, remote));
    return json;
  }

  /** Ollama's answer to {@code _debug_render_only}: the prompt it rendered instead of answering. */
  private static void debugInfo(ObjectNode json, DebugInfo info) {
    ObjectNode debug = json.putObject("_debug_info");
    debug.put("rendered_template", info.renderedTemplate());
    if (info.imageCount() > 0) {
      debug.put("image_count", info.imageCount()); // omitempty in Ollama's Go type
    }
  }

  private static void remote(ObjectNode json, RemoteModel remote) {
    json.put("remote_model", remote.name());
    json.put("remote_host", remote.host());
  }

  static ObjectNode version(String version) {
    return Wire.MAPPER.createObjectNode().put("version", version);
  }

  private static ObjectNode details(ModelDetails details) {
    ObjectNode json = Wire.MAPPER.createObjectNode();
    json.put("parent_model", details.parentModel());
    json.put("format", details.format());
    json.put("family", details.family());
    if (!details.families().isEmpty()) {
      ArrayNode families = json.putArray("families");
      details.families().forEach(families::add);
    }
    json.put("parameter_size", details.parameterSize());
    json.put("quantization_level", details.quantizationLevel());
    details.contextLength().ifPresent(length -> json.put("context_length", length));
    details.embeddingLength().ifPresent(length -> json.put("embedding_length", length));
    return json;
  }

  static void metrics(ObjectNode json, Metrics metrics) {
    json.put("total_duration", metrics.totalDuration().toNanos());
    json.put("load_duration", metrics.loadDuration().toNanos());
    json.put("prompt_eval_count", metrics.promptEvalCount());
    json.put("prompt_eval_duration", metrics.promptEvalDuration().toNanos());
    json.put("eval_count", metrics.evalCount());
    json.put("eval_duration", metrics.evalDuration().toNanos());
  }

  private static void logprobs(ObjectNode json, List<Logprob> logprobs) {
    if (logprobs.isEmpty()) {
      return;
    }
    ArrayNode list = json.putArray("logprobs");
    for (Logprob logprob : logprobs) {
      ObjectNode entry = list.addObject();
      entry.put("token", logprob.token());
      entry.put("logprob", logprob.logprob());
      ArrayNode bytes = entry.putArray("bytes");
      logprob.bytes().forEach(bytes::add);
      ArrayNode top = entry.putArray("top_logprobs");
      for (Logprob.TokenLogprob alternative : logprob.topLogprobs()) {
        ObjectNode other = top.addObject();
        other.put("token", alternative.token());
        other.put("logprob", alternative.logprob());
        ArrayNode otherBytes = other.putArray("bytes");
        alternative.bytes().forEach(otherBytes::add);
      }
    }
  }
}
