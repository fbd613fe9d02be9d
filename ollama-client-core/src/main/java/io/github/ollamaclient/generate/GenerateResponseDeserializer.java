package io.github.ollamaclient.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.github.ollamaclient.inference.Logprob;
import io.github.ollamaclient.internal.StatisticsFields;
import io.github.ollamaclient.internal.Tokens;
import java.io.IOException;
import java.time.Instant;
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
    String model = null;
    Instant createdAt = Instant.EPOCH;
    String response = null;
    String thinking = null;
    boolean done = false;
    String doneReason = null;
    StatisticsFields statistics = new StatisticsFields();
    List<Integer> contextTokens = null;
    List<Logprob> logprobs = null;
    for (JsonToken token = Tokens.enterObject(parser, context, GenerateResponse.class);
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "model":
          model = Tokens.string(parser, context);
          break;
        case "created_at":
          createdAt = Tokens.instant(parser, context);
          break;
        case "response":
          response = Tokens.string(parser, context);
          break;
        case "thinking":
          thinking = Tokens.string(parser, context);
          break;
        case "done":
          done = Tokens.bool(parser, context);
          break;
        case "done_reason":
          doneReason = Tokens.string(parser, context);
          break;
        case "context":
          contextTokens = Tokens.list(parser, context, Integer.class);
          break;
        case "logprobs":
          logprobs = Tokens.list(parser, context, Logprob.class);
          break;
        default:
          if (!statistics.read(name, parser, context)) {
            parser.skipChildren();
          }
      }
    }
    return new GenerateResponse(
        model,
        createdAt,
        response,
        thinking == null ? NO_TEXT : Optional.of(thinking),
        done,
        doneReason == null || doneReason.isEmpty() ? NO_TEXT : Optional.of(doneReason),
        statistics.metrics(done),
        contextTokens,
        logprobs);
  }
}
