package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The decoding alone, without a socket: 1,000 token chunks of a chat stream read as the stream
 * reads them (one Jackson parser, one {@link MappingIterator}), so a change to the chunk types is
 * measured without the network's noise. Beside the SDK's {@link ChatResponse}, a record with only
 * the four members a token chunk has, which shows what the absent creator parameters cost (Jackson
 * looks up an absent value for each, 16 per token chunk), and Jackson's tree. Times are per chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ChunkDecodeBenchmark.CHUNKS)
public class ChunkDecodeBenchmark {
  static final int CHUNKS = 1_000;

  private static final String LINE =
      "{\"model\":\""
          + Payloads.MODEL
          + "\",\"created_at\":\"2024-06-04T14:38:31.837530123Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\" sky\"},\"done\":false}\n";

  private final byte[] body = LINE.repeat(CHUNKS).getBytes(StandardCharsets.UTF_8);
  private final ObjectReader sdk = Json.MAPPER.readerFor(ChatResponse.class);
  private final ObjectReader present = Plain.MAPPER.readerFor(PresentOnly.class);
  private final ObjectReader tree = Plain.MAPPER.readerFor(JsonNode.class);

  /** A token chunk's members and nothing else. */
  record PresentOnly(
      @JsonProperty("model") String model,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("message") PresentMessage message,
      @JsonProperty("done") boolean done) {}

  /** A token chunk's message members and nothing else. */
  record PresentMessage(
      @JsonProperty("role") String role, @JsonProperty("content") String content) {}

  /** Every chunk into a {@link ChatResponse}, as {@code chatStream} reads it. */
  @Benchmark
  public void sdkChatResponse(Blackhole blackhole) throws IOException {
    read(sdk, blackhole);
  }

  /** Every chunk into a record of the four members it has: no absent creator parameters. */
  @Benchmark
  public void presentMembersRecord(Blackhole blackhole) throws IOException {
    read(present, blackhole);
  }

  /** Every chunk into a {@link JsonNode}. */
  @Benchmark
  public void jacksonTree(Blackhole blackhole) throws IOException {
    read(tree, blackhole);
  }

  private void read(ObjectReader reader, Blackhole blackhole) throws IOException {
    try (MappingIterator<Object> chunks = reader.readValues(body)) {
      while (chunks.hasNextValue()) {
        blackhole.consume(chunks.nextValue());
      }
    }
  }
}
