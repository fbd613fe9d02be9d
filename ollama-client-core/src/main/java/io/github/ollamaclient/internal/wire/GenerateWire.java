package io.github.ollamaclient.internal.wire;

import io.github.ollamaclient.chat.ToolCall;
import io.github.ollamaclient.generate.GenerateResponse;
import java.util.List;
import java.util.Optional;

/**
 * How {@code /api/generate}'s answers read: the fields of a {@link GenerateResponse}, declared once
 * for Jackson and the stream's fast path alike (see {@link ChatWire}).
 */
public final class GenerateWire {
  private static final Optional<String> NO_TEXT = Optional.empty();

  /** The fields of {@code /api/generate}'s answer or chunk. */
  static final FieldTable<ResponseParts> RESPONSE =
      new FieldTable<>(
          GenerateResponse.class,
          AnswerParts.FIELDS,
          List.of(
              Field.string("response", (parts, value) -> parts.response = value),
              Field.string("thinking", (parts, value) -> parts.thinking = value),
              Field.tokens(
                  "context",
                  (parser, context, parts) ->
                      parts.context = Tokens.list(parser, context, Integer.class)),
              Field.tokens(
                  "tool_calls",
                  (parser, context, parts) ->
                      parts.toolCalls = Tokens.list(parser, context, ToolCall.class))));

  private GenerateWire() {}

  /** A fresh fast path for one generate stream's per-token chunks. */
  public static LineDecoder<GenerateResponse> fastPath() {
    return new FastPath<>(RESPONSE, new ResponseParts());
  }

  /** Reads {@code /api/generate}'s answer or chunk. */
  public static final class ResponseDeserializer
      extends TableDeserializer<ResponseParts, GenerateResponse> {
    private static final long serialVersionUID = 1L;

    /** Jackson makes it from {@link GenerateResponse}'s annotation. */
    public ResponseDeserializer() {
      super(GenerateResponse.class, RESPONSE, ResponseParts::new);
    }
  }

  /** A generate answer's fields as read. */
  static final class ResponseParts extends AnswerParts implements Parts<GenerateResponse> {
    private String response;
    private String thinking;
    private List<Integer> context;
    private List<ToolCall> toolCalls;

    @Override
    public void clear() {
      super.clear();
      response = null;
      thinking = null;
      context = null;
      toolCalls = null;
    }

    @Override
    public GenerateResponse build() {
      return new GenerateResponse(
          model(),
          createdAt(),
          response,
          thinking == null ? NO_TEXT : Optional.of(thinking),
          done(),
          doneReason(),
          metrics(),
          context,
          logprobs(),
          toolCalls,
          remote());
    }
  }
}
