package io.github.ollamaclient.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.github.ollamaclient.internal.AnswerFields;
import io.github.ollamaclient.internal.Tokens;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link GenerateResponse} straight from the parser: a stream decodes one chunk per token,
 * and this avoids the argument buffers of {@code @JsonCreator} binding. Unknown fields are skipped,
 * absent ones get the record's defaults.
 */
final class GenerateResponseDeserializer extends StdDeserializer<GenerateResponse> {
  private static final long serialVersionUID = 1L;
  private static final Optional<String> NO_TEXT = Optional.empty();

  GenerateResponseDeserializer() {
    super(GenerateResponse.class);
  }

  @Override
  public GenerateResponse deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    AnswerFields shared = new AnswerFields();
    String response = null;
    String thinking = null;
    List<Integer> contextTokens = null;
    for (JsonToken token = Tokens.enterObject(parser, context, GenerateResponse.class);
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "response":
          response = Tokens.string(parser, context);
          break;
        case "thinking":
          thinking = Tokens.string(parser, context);
          break;
        case "context":
          contextTokens = Tokens.list(parser, context, Integer.class);
          break;
        default:
          if (!shared.read(name, parser, context)) {
            parser.skipChildren();
          }
      }
    }
    return new GenerateResponse(
        shared.model(),
        shared.createdAt(),
        response,
        thinking == null ? NO_TEXT : Optional.of(thinking),
        shared.done(),
        shared.doneReason(),
        shared.metrics(),
        contextTokens,
        shared.logprobs());
  }
}
