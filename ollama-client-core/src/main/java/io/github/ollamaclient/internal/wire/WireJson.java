package io.github.ollamaclient.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import io.github.ollamaclient.internal.json.Json;

/**
 * The mapper that reads Ollama's answers and writes the requests: the shared configuration of
 * {@link Json#builder()} plus the field-table deserializers of this package.
 *
 * <p>The deserializers are registered here rather than named on the records with
 * {@code @JsonDeserialize}: an annotation would make the API packages depend on the wire layer,
 * which depends on them. A caller's own mapper gets them through {@code OllamaJson.module()}.
 */
public final class WireJson {
  /** The client's mapper. Thread-safe; never reconfigure it after start-up. */
  public static final ObjectMapper MAPPER = Json.builder().addModule(module()).build();

  private WireJson() {}

  /** A new module holding the deserializers of the answers whose fields come from a table. */
  public static Module module() {
    SimpleModule module = new SimpleModule("ollama-client-wire");
    module.addDeserializer(ChatResponse.class, new ChatWire.ResponseDeserializer());
    module.addDeserializer(Message.class, new ChatWire.MessageDeserializer());
    module.addDeserializer(ToolCall.class, new ChatWire.ToolCallDeserializer());
    module.addDeserializer(GenerateResponse.class, new GenerateWire.ResponseDeserializer());
    return module;
  }

  /** Serialises a request body to UTF-8 JSON bytes. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
    }
  }
}
