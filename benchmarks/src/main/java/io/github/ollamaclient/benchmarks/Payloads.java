package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * The prepared answers the {@link PayloadServer} sends, rendered once as complete HTTP/1.1
 * responses (status line, headers, body), and what each must decode to.
 *
 * <p>They have the shape a real Ollama server sends: the chat stream is {@code
 * application/x-ndjson} in chunked transfer encoding, one HTTP chunk per line as Ollama flushes
 * them; chunks carry {@code model}, {@code created_at} (Go's RFC 3339 with nanoseconds), {@code
 * message{role, content}} and {@code done: false}, the last one {@code done_reason} and the
 * statistics. Embedding numbers are float32 printed as Go's {@code encoding/json} prints them: the
 * shortest decimal that reads back as the same float32, plain notation ({@code -0.0058914367},
 * {@code 0}) except below 1e-6, where it is exponent notation without a padded exponent ({@code
 * 4.2e-7}).
 */
public final class Payloads {
  /** The model named in every request and answer. */
  public static final String MODEL = "llama3.2";

  /** The question of the small chat call, whose answer is short. */
  public static final String QUESTION = "Why is the sky blue?";

  /** The question of the streaming benchmarks, answered with the 20,000-chunk stream. */
  public static final String STREAM_QUESTION = "Tell me everything about the sky.";

  /** The small answer's tokens, as a server streams them: they join into SMALL_CHAT_CONTENT. */
  private static final String[] SMALL_TOKENS = {
    "Hello", "!", " How", " are", " you", " today", "?"
  };

  /** The text of the input every embed benchmark sends. */
  public static final String EMBED_INPUT = "Why is the sky blue?";

  /** Chunks of the streamed chat answer, the final one included. */
  public static final int STREAM_CHUNKS = 20_000;

  /** Vectors in the embed answer. */
  public static final int EMBED_VECTORS = 256;

  /** Numbers per embedding vector. */
  public static final int EMBED_DIMENSIONS = 1024;

  /** The content of the small non-streamed chat answer (the API documentation's example). */
  public static final String SMALL_CHAT_CONTENT = "Hello! How are you today?";

  private static final String[] TOKENS = {
    " The",
    " sky",
    " appears",
    " blue",
    " because",
    " of",
    " Rayleigh",
    " scattering",
    ",",
    " which",
    " scatters",
    " shorter",
    " wavelengths",
    " more",
    " strongly",
    ".",
    "\n\n",
    " Sun",
    "light",
    " is",
    " a",
    " mix",
    " of",
    " colours",
    ";",
    " the",
    " \"blue\"",
    " part",
    " (~450",
    " nm)",
    " bounces",
    " off",
    " N₂",
    " and",
    " O₂",
    " molecules",
    " — ",
    " café",
    " 🌅",
    "\t"
  };

  private static final DateTimeFormatter GO_NANO_TIME = DateTimeFormatter.ISO_INSTANT;

  private static volatile Payloads instance;

  private final byte[] chatStreamResponse;
  private final String chatStreamContent;
  private final byte[] smallChatResponse;
  private final byte[] smallChatStreamResponse;
  private final byte[] embedResponse;
  private final float[][] vectors;

  private Payloads() {
    StringBuilder content = new StringBuilder();
    this.chatStreamResponse = chunked("application/x-ndjson", renderChatStream(content));
    this.chatStreamContent = content.toString();
    this.smallChatResponse = whole(renderSmallChat());
    this.smallChatStreamResponse = chunked("application/x-ndjson", renderSmallChatStream());
    this.vectors = makeVectors(new Random(42));
    this.embedResponse = whole(renderEmbed(vectors));
  }

  /** The payloads, rendered on first use (about a second) and shared after. */
  public static Payloads get() {
    Payloads payloads = instance;
    if (payloads == null) {
      synchronized (Payloads.class) {
        payloads = instance;
        if (payloads == null) {
          payloads = new Payloads();
          instance = payloads;
        }
      }
    }
    return payloads;
  }

  /** The whole HTTP response of the streamed chat: headers, then 20,000 NDJSON lines, chunked. */
  public byte[] chatStreamResponse() {
    return chatStreamResponse;
  }

  /** The streamed chat's content, every chunk's {@code message.content} joined. */
  public String chatStreamContent() {
    return chatStreamContent;
  }

  /** The whole HTTP response of the small, non-streamed chat answer. */
  public byte[] smallChatResponse() {
    return smallChatResponse;
  }

  /**
   * The whole HTTP response of the small chat answer streamed, as the SDK's {@code chat()} asks for
   * it: a chunk per token, then the final chunk with the statistics.
   */
  public byte[] smallChatStreamResponse() {
    return smallChatStreamResponse;
  }

  /** The whole HTTP response of {@code /api/embed}: 256 vectors of 1024 numbers. */
  public byte[] embedResponse() {
    return embedResponse;
  }

  /** The vectors the embed answer holds, exactly as float32; do not modify. */
  public float[][] vectors() {
    return vectors;
  }

  /** The body of an HTTP response rendered here: what follows the blank line after the headers. */
  public static byte[] bodyOf(byte[] response) {
    for (int i = 0; i + 3 < response.length; i++) {
      if (response[i] == '\r'
          && response[i + 1] == '\n'
          && response[i + 2] == '\r'
          && response[i + 3] == '\n') {
        byte[] body = new byte[response.length - i - 4];
        System.arraycopy(response, i + 4, body, 0, body.length);
        return body;
      }
    }
    throw new IllegalArgumentException("no end of headers");
  }

  /** The NDJSON lines of the streamed chat, without HTTP framing. */
  private static byte[][] renderChatStream(StringBuilder content) {
    Random random = new Random(7);
    Instant start = Instant.parse("2025-10-02T14:03:12.000000000Z");
    byte[][] lines = new byte[STREAM_CHUNKS][];
    for (int i = 0; i < STREAM_CHUNKS - 1; i++) {
      String token = TOKENS[random.nextInt(TOKENS.length)];
      content.append(token);
      lines[i] =
          json(
              g -> {
                chatAnswer(g, goTime(start, random), token);
                g.writeBooleanField("done", false);
              });
    }
    lines[STREAM_CHUNKS - 1] =
        json(
            g -> {
              chatAnswer(g, goTime(start, random), "");
              doneWithStatistics(g, 412_393_558_291L, STREAM_CHUNKS - 1, 411_921_000_000L);
            });
    return lines;
  }

  private static String goTime(Instant start, Random random) {
    // Go trims trailing zeros of the fraction; random nanoseconds rarely have any.
    return GO_NANO_TIME.format(start.plusNanos(random.nextInt(1_000_000_000)));
  }

  private static byte[][] renderSmallChatStream() {
    Instant start = Instant.parse("2023-12-12T14:13:43.416799Z");
    byte[][] lines = new byte[SMALL_TOKENS.length + 1][];
    for (int i = 0; i < SMALL_TOKENS.length; i++) {
      String token = SMALL_TOKENS[i];
      String time = GO_NANO_TIME.format(start.plusMillis(20L * i));
      lines[i] =
          json(
              g -> {
                chatAnswer(g, time, token);
                g.writeBooleanField("done", false);
              });
    }
    String end = GO_NANO_TIME.format(start.plusMillis(20L * SMALL_TOKENS.length));
    lines[SMALL_TOKENS.length] =
        json(
            g -> {
              chatAnswer(g, end, "");
              doneWithStatistics(g, 5_191_566_416L, 298, 4_799_921_000L);
            });
    return lines;
  }

  private static byte[] renderSmallChat() {
    return json(
        g -> {
          chatAnswer(g, "2023-12-12T14:13:43.416799Z", SMALL_CHAT_CONTENT);
          doneWithStatistics(g, 5_191_566_416L, 298, 4_799_921_000L);
        });
  }

  /** What every chat answer and chunk starts with: the model, the time, the assistant's message. */
  private static void chatAnswer(JsonGenerator g, String createdAt, String content)
      throws IOException {
    g.writeStringField("model", MODEL);
    g.writeStringField("created_at", createdAt);
    g.writeObjectFieldStart("message");
    g.writeStringField("role", "assistant");
    g.writeStringField("content", content);
    g.writeEndObject();
  }

  /** What a final chat answer or chunk ends with: done, its reason, and the statistics. */
  private static void doneWithStatistics(
      JsonGenerator g, long totalNanos, int evalCount, long evalNanos) throws IOException {
    g.writeBooleanField("done", true);
    g.writeStringField("done_reason", "stop");
    g.writeNumberField("total_duration", totalNanos);
    g.writeNumberField("load_duration", 2_154_458L);
    g.writeNumberField("prompt_eval_count", 26);
    g.writeNumberField("prompt_eval_duration", 383_809_000L);
    g.writeNumberField("eval_count", evalCount);
    g.writeNumberField("eval_duration", evalNanos);
  }

  /**
   * Unit vectors of Gaussian numbers, with an exact zero, a negative zero and a number below 1e-6
   * in each, so every form Go prints occurs.
   */
  static float[][] makeVectors(Random random) {
    return makeVectors(random, EMBED_VECTORS, EMBED_DIMENSIONS);
  }

  private static float[][] makeVectors(Random random, int count, int dimensions) {
    float[][] vectors = new float[count][dimensions];
    for (float[] vector : vectors) {
      double norm = 0;
      double[] values = new double[dimensions];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextGaussian();
        norm += values[i] * values[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < values.length; i++) {
        vector[i] = (float) (values[i] / norm);
      }
      vector[random.nextInt(dimensions)] = 0f;
      vector[random.nextInt(dimensions)] = -0f;
      vector[random.nextInt(dimensions)] = (float) (random.nextDouble() * 9e-7);
    }
    return vectors;
  }

  private static byte[] renderEmbed(float[][] vectors) {
    return renderEmbed("all-minilm", vectors, 1);
  }

  /**
   * An embed answer of {@code model} holding {@code vectors} {@code repeat} times over: each vector
   * printed once, so that a long answer costs no more rendering than its distinct vectors.
   */
  private static byte[] renderEmbed(String model, float[][] vectors, int repeat) {
    String[] printed = new String[vectors.length];
    for (int v = 0; v < vectors.length; v++) {
      StringBuilder vector = new StringBuilder(vectors[v].length * 14).append('[');
      for (int i = 0; i < vectors[v].length; i++) {
        if (i > 0) {
          vector.append(',');
        }
        vector.append(goFloat32(vectors[v][i]));
      }
      printed[v] = vector.append(']').toString();
    }
    int count = vectors.length * repeat;
    StringBuilder json = new StringBuilder(count * (printed.length == 0 ? 2 : printed[0].length()));
    json.append("{\"model\":\"").append(model).append("\",\"embeddings\":[");
    for (int n = 0; n < count; n++) {
      json.append(n == 0 ? "" : ",").append(printed[n % printed.length]);
    }
    json.append("],\"total_duration\":14143917,\"load_duration\":1019500,")
        .append("\"prompt_eval_count\":")
        .append(count * 6)
        .append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The whole HTTP response of {@code /api/embed} for {@code model} with {@code count} vectors of
   * {@code dimensions} numbers: {@code distinct} different vectors (seeded, so every run has the
   * same), repeated in order to make up the count.
   */
  public static byte[] embedResponse(String model, int count, int dimensions, int distinct) {
    if (count % distinct != 0) {
      throw new IllegalArgumentException(count + " vectors are not a whole number of " + distinct);
    }
    float[][] vectors = makeVectors(new Random(7), distinct, dimensions);
    return whole(renderEmbed(model, vectors, count / distinct));
  }

  /**
   * A float32 as Go's {@code encoding/json} writes it: {@code strconv.AppendFloat(f, 'f' or 'e',
   * -1, 32)}, 'e' below 1e-6 (and from 1e21), with {@code e-07} cleaned to {@code e-7}.
   */
  static String goFloat32(float value) {
    if (value == 0f) {
      return Float.floatToRawIntBits(value) < 0 ? "-0" : "0";
    }
    BigDecimal shortest = shortestDecimal(value);
    float abs = Math.abs(value);
    if (abs >= 1e-6f && abs < 1e21f) {
      return shortest.stripTrailingZeros().toPlainString();
    }
    BigDecimal stripped = shortest.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    StringBuilder text = new StringBuilder();
    if (value < 0) {
      text.append('-');
    }
    text.append(digits.charAt(0));
    if (digits.length() > 1) {
      text.append('.').append(digits, 1, digits.length());
    }
    text.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (exponent > 0 && magnitude < 10) {
      text.append('0');
    }
    return text.append(magnitude).toString();
  }

  /** The decimal with the fewest significant digits that reads back as {@code value}. */
  private static BigDecimal shortestDecimal(float value) {
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (Float.parseFloat(rounded.toString()) == value) {
        return rounded;
      }
    }
    return exact.round(new MathContext(9, RoundingMode.HALF_EVEN));
  }

  private interface Fields {
    void write(JsonGenerator generator) throws IOException;
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private static byte[] json(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      fields.write(generator);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] whole(byte[] body) {
    String headers =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Date: Thu, 02 Oct 2025 14:03:12 GMT\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    return concat(headers.getBytes(StandardCharsets.US_ASCII), body);
  }

  /** A chunked response with one HTTP chunk per line, each line ending in a newline. */
  private static byte[] chunked(String contentType, byte[][] lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length * 200);
    String headers =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: "
            + contentType
            + "\r\n"
            + "Date: Thu, 02 Oct 2025 14:03:12 GMT\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
    for (byte[] line : lines) {
      out.writeBytes(
          (Integer.toHexString(line.length + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(line);
      out.writeBytes("\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
