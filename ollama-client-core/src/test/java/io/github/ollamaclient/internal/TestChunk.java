package io.github.ollamaclient.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ollamaclient.json.Json;
import java.util.Objects;

/**
 * A minimal stream chunk, decoded the way production chunks are (a {@code @JsonCreator} factory),
 * so the streaming plumbing can be tested apart from any endpoint.
 */
record TestChunk(String text, boolean done) {
  /** How the tests read a stream of these: {@code done: true} ends it, texts are joined. */
  static final StreamSpec<TestChunk> SPEC =
      StreamSpec.of(TestChunk.class, TestChunk::done, Joined::new, "done: true");

  TestChunk {
    Objects.requireNonNull(text, "text");
  }

  @JsonCreator
  static TestChunk fromJson(@JsonProperty("text") String text, @JsonProperty("done") Boolean done) {
    return new TestChunk(Json.text(text), done != null && done);
  }

  /** A chunk line carrying {@code text}, JSON-escaped. */
  static String line(String text) {
    return "{\"text\":" + Json.toTree(text) + ",\"done\":false}";
  }

  /** The final line, carrying {@code text}. */
  static String finalLine(String text) {
    return "{\"text\":" + Json.toTree(text) + ",\"done\":true}";
  }

  /** Joins the texts of every chunk into one final chunk. */
  static final class Joined implements StreamSpec.Accumulator<TestChunk> {
    private final StringBuilder text = new StringBuilder();
    private boolean done;

    @Override
    public void add(TestChunk chunk) {
      text.append(chunk.text());
      done |= chunk.done();
    }

    @Override
    public TestChunk result() {
      return new TestChunk(text.toString(), done);
    }
  }
}
