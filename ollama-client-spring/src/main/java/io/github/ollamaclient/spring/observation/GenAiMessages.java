package io.github.ollamaclient.spring.observation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.Role;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.generate.GenerateResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prompts and answers in the JSON shape of OpenTelemetry's {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages}: messages of a role and parts ({@code text}, {@code reasoning}, {@code
 * tool_call}, {@code tool_call_response}). Images are left out: bytes have no place in a span.
 */
final class GenAiMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GenAiMessages() {}

  /** The messages a chat or generate request sends; empty for other requests. */
  static Optional<String> input(Object request) {
    ArrayNode messages = JSON.createArrayNode();
    if (request instanceof ChatRequest chat) {
      chat.messages().forEach(message -> messages.add(message(message, Optional.empty())));
    } else if (request instanceof GenerateRequest generate && generate.prompt().isPresent()) {
      messages.add(message("user", List.of(text("text", generate.prompt().get())), null));
    } else {
      return Optional.empty();
    }
    return Optional.of(write(messages));
  }

  /** A generate request's system text, as the conventions' list of parts; empty for others. */
  static Optional<String> systemInstructions(Object request) {
    if (request instanceof GenerateRequest generate && generate.system().isPresent()) {
      ArrayNode parts = JSON.createArrayNode();
      parts.add(text("text", generate.system().get()));
      return Optional.of(write(parts));
    }
    return Optional.empty();
  }

  /** The message a chat or generate answer holds; empty for other answers. */
  static Optional<String> output(Object answer) {
    ObjectNode message;
    if (answer instanceof ChatResponse chat) {
      message = message(chat.message(), chat.doneReason());
    } else if (answer instanceof GenerateResponse generate) {
      List<ObjectNode> parts = new ArrayList<>();
      generate.thinking().ifPresent(thinking -> parts.add(text("reasoning", thinking)));
      parts.add(text("text", generate.response()));
      generate.toolCalls().forEach(call -> parts.add(toolCall(call)));
      message = message("assistant", parts, generate.doneReason().orElse(null));
    } else {
      return Optional.empty();
    }
    return Optional.of(write(JSON.createArrayNode().add(message)));
  }

  /** A JSON array of strings, such as {@code ["stop"]}: finish reasons, stop sequences. */
  static String stringArray(List<String> texts) {
    ArrayNode array = JSON.createArrayNode();
    texts.forEach(array::add);
    return write(array);
  }

  private static ObjectNode message(Message message, Optional<String> finishReason) {
    List<ObjectNode> parts = new ArrayList<>();
    if (message.role().equals(Role.TOOL)) {
      ObjectNode response = JSON.createObjectNode().put("type", "tool_call_response");
      message.toolCallId().ifPresent(id -> response.put("id", id));
      response.put("response", message.content());
      parts.add(response);
    } else {
      message.thinking().ifPresent(thinking -> parts.add(text("reasoning", thinking)));
      if (!message.content().isEmpty() || message.toolCalls().isEmpty()) {
        parts.add(text("text", message.content()));
      }
      message.toolCalls().forEach(call -> parts.add(toolCall(call)));
    }
    return message(message.role().value(), parts, finishReason.orElse(null));
  }

  private static ObjectNode message(String role, List<ObjectNode> parts, String finishReason) {
    ObjectNode message = JSON.createObjectNode().put("role", role);
    message.putArray("parts").addAll(parts);
    if (finishReason != null) {
      message.put("finish_reason", finishReason);
    }
    return message;
  }

  private static ObjectNode text(String type, String content) {
    return JSON.createObjectNode().put("type", type).put("content", content);
  }

  private static ObjectNode toolCall(ToolCall call) {
    ObjectNode part = JSON.createObjectNode().put("type", "tool_call");
    call.id().ifPresent(id -> part.put("id", id));
    part.put("name", call.name());
    part.set("arguments", call.arguments());
    return part;
  }

  private static String write(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // A tree of strings and the client's own JSON nodes always writes.
      throw new IllegalStateException(e);
    }
  }
}
