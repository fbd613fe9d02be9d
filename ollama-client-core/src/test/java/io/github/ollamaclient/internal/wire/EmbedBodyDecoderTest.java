package io.github.ollamaclient.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ollamaclient.embed.EmbedResponse;
import io.github.ollamaclient.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbedBodyDecoderTest {

  /** The answer as Jackson alone decodes it: the reference for everything but speed. */
  private static EmbedResponse jackson(String json) throws IOException {
    return Json.MAPPER.readerFor(EmbedResponse.class).readValue(json);
  }

  private static EmbedResponse decode(String json) throws IOException {
    return EmbedBodyDecoder.decode(new Buffer().writeUtf8(json));
  }

  /** The body served {@code step} bytes per read, so every number meets a refill somewhere. */
  private static EmbedResponse decodeInPieces(String json, int step) throws IOException {
    Buffer whole = new Buffer().writeUtf8(json);
    BufferedSource source =
        Okio.buffer(
            new ForwardingSource(whole) {
              @Override
              public long read(Buffer sink, long byteCount) throws IOException {
                return super.read(sink, Math.min(byteCount, step));
              }
            });
    return EmbedBodyDecoder.decode(source);
  }

  private static String vectors(String... numbers) {
    return "{\"embeddings\": [[" + String.join(",", numbers) + "]]}";
  }

  private static void assertSameFloats(String[] numbers) throws IOException {
    float[] decoded = decode(vectors(numbers)).embedding();
    for (int i = 0; i < numbers.length; i++) {
      assertThat(Float.floatToRawIntBits(decoded[i]))
          .as("%s", numbers[i])
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(numbers[i])));
    }
  }

  @Test
  void readsEveryNumberAsFloatParseFloatDoes() throws IOException {
    Random random = new Random(7);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      float value = Float.intBitsToFloat(random.nextInt());
      if (Float.isNaN(value) || Float.isInfinite(value)) {
        continue;
      }
      numbers.add(i % 3 == 0 ? Float.toString(value) : String.valueOf((double) value));
      double gaussian = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 8);
      numbers.add(Double.toString(gaussian));
      numbers.add(String.format("%." + random.nextInt(12) + "f", gaussian));
      numbers.add(String.format("%." + random.nextInt(12) + "e", gaussian));
    }
    assertSameFloats(numbers.toArray(new String[0]));
  }

  @Test
  void readsNumbersOnFloatMidpointsAndAtTheEdgesExactly() throws IOException {
    List<String> numbers = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      // Exactly halfway between two floats, and a hair either side of it.
      float low = Float.intBitsToFloat(random.nextInt(0x7F00_0000));
      BigDecimal midpoint =
          new BigDecimal(low).add(new BigDecimal(Math.nextUp(low))).divide(BigDecimal.valueOf(2));
      numbers.add(midpoint.toString());
      numbers.add(midpoint.round(new java.math.MathContext(17)).toString());
      numbers.add(midpoint.round(new java.math.MathContext(9)).toString());
    }
    numbers.addAll(
        List.of(
            "16777217",
            "16777219",
            "3.4028235e38",
            "3.4028236e38",
            "1e39",
            "-1e39",
            "1.4e-45",
            "7e-46",
            "1e-50",
            "1.17549435E-38",
            "0",
            "-0",
            "-0.0",
            "0e10",
            "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001401298464324817",
            "9007199254740993",
            "1E22",
            "1e23",
            "1e-22",
            "1e-23",
            "1234567.1234567",
            "-7654321.5",
            "12345678.5",
            "9999999.999999999",
            "0.0000000000000001",
            "0.00000000000000001",
            "1.00000000000000000",
            "0.12345678",
            "0.123456789",
            "-0.1234567891234567",
            "10",
            "100.25",
            "0.5",
            "-0.0058914367"));
    Random digits = new Random(5);
    for (int i = 0; i < 50_000; i++) {
      // Up to 7 integer and 15 fraction digits: the fast lane, and past the 18 a long holds.
      int integer = digits.nextInt(8);
      int fraction = digits.nextInt(16);
      StringBuilder text = new StringBuilder(digits.nextBoolean() ? "-" : "");
      text.append(integer == 0 ? "0" : Integer.toString(1 + digits.nextInt(9)));
      for (int d = 1; d < integer; d++) {
        text.append(digits.nextInt(10));
      }
      if (fraction > 0) {
        text.append('.');
        for (int d = 0; d < fraction; d++) {
          text.append(digits.nextInt(10));
        }
      }
      numbers.add(text.toString());
    }
    assertSameFloats(numbers.toArray(new String[0]));
  }

  @Test
  void readsNumbersUnderOneInEveryShapeAroundThem() throws IOException {
    String json =
        "{\"embeddings\": [[0.5,-0.25 ,0.125\n,\t-0.0625\r\n,0.1e-3,-0.1E+2,0.123456789012345"
            + ",0.1234567890123456,-0.0,0.0 ] ,[ -0.75]]}";

    EmbedResponse response = decode(json);

    assertThat(response.embeddings().get(0))
        .containsExactly(
            0.5f,
            -0.25f,
            0.125f,
            -0.0625f,
            Float.parseFloat("0.1e-3"),
            Float.parseFloat("-0.1E+2"),
            Float.parseFloat("0.123456789012345"),
            Float.parseFloat("0.1234567890123456"),
            -0f,
            0f);
    assertThat(response.embeddings().get(1)).containsExactly(-0.75f);
    assertThat(response).isEqualTo(jackson(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.1.2|embeddings[0][0] is not a valid JSON number: 0.1.2",
        "-0.|embeddings[0][0] is not a valid JSON number: -0.",
        "0.e1|embeddings[0][0] is not a valid JSON number: 0.e1",
        "0.5-1|embeddings[0][0] is not a valid JSON number: 0.5-1",
        "0.5x|expected ',' or ']' after embeddings[0][0], found 'x'",
        "0.5}|expected ',' or ']' after embeddings[0][0], found '}'"
      })
  void refusesMalformedNumbersUnderOne(String numberAndMessage) {
    String[] parts = numberAndMessage.split("\\|");
    assertThatThrownBy(() -> decode("{\"embeddings\": [[" + parts[0] + ", 0.5]]}"))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(
            e ->
                assertThat(((JsonProcessingException) e).getOriginalMessage())
                    .startsWith(parts[1]));
  }

  @Test
  void keepsNegativeZero() throws IOException {
    assertThat(Float.floatToRawIntBits(decode(vectors("-0")).embedding()[0]))
        .isEqualTo(Float.floatToRawIntBits(-0f));
  }

  @Test
  void decodesTheSameWhateverTheReadSizes() throws IOException {
    Random random = new Random(3);
    StringBuilder json = new StringBuilder("{\"model\":\"m\",\"embeddings\":[");
    for (int v = 0; v < 40; v++) {
      json.append(v == 0 ? "[" : ",[");
      for (int d = 0; d < 300; d++) {
        json.append(d == 0 ? "" : ",").append((float) (random.nextGaussian() * 0.05));
      }
      // One number longer than the fast path's window, to cross refills in the slow path.
      json.append(",0.").append("1".repeat(150)).append(']');
    }
    json.append("],\"total_duration\":12,\"prompt_eval_count\":3}");
    EmbedResponse expected = jackson(json.toString());

    for (int step : new int[] {1, 7, 63, 64, 65, 4096, 100_000}) {
      assertThat(decodeInPieces(json.toString(), step)).as("step %d", step).isEqualTo(expected);
    }
  }

  @Test
  void keepsEachVectorItsOwnLengthAndNumbers() throws IOException {
    // The scratch array is sized after the vector before and handed out when it fits: vectors
    // shorter, longer and as long as the one before must each come out whole and apart.
    Random random = new Random(9);
    int[] lengths = {1024, 1024, 3, 3, 2000, 1, 0, 1024, 4100, 4100, 2};
    StringBuilder json = new StringBuilder("{\"embeddings\":[");
    for (int v = 0; v < lengths.length; v++) {
      json.append(v == 0 ? "[" : ",[");
      for (int d = 0; d < lengths[v]; d++) {
        json.append(d == 0 ? "" : ",").append((float) (random.nextGaussian() * 0.05));
      }
      json.append(']');
    }
    json.append("]}");

    EmbedResponse response = decode(json.toString());

    assertThat(response).isEqualTo(jackson(json.toString()));
    for (int v = 0; v < lengths.length; v++) {
      assertThat(response.embeddings().get(v)).as("vector %d", v).hasSize(lengths[v]);
      for (int w = 0; w < v; w++) {
        assertThat(response.embeddings().get(v)).isNotSameAs(response.embeddings().get(w));
      }
    }
  }

  @Test
  void neverAcceptsADamagedAnswerOrReadsItOtherwiseThanJackson() {
    // Long vectors, so that the damage lands where the fast lane reads; one to three bytes
    // replaced, inserted or dropped. Where the decoder answers, Jackson must answer the same;
    // it may refuse more than Jackson (content after the object), never less.
    Random random = new Random(13);
    String alphabet = "0123456789-.,]  [e+E\"x0.";
    int answered = 0;
    for (int round = 0; round < 3_000; round++) {
      StringBuilder json = new StringBuilder("{\"model\":\"m\",\"embeddings\":[[");
      for (int d = 0; d < 200; d++) {
        json.append(d == 0 ? "" : ",").append((float) (random.nextGaussian() * 0.05));
      }
      json.append("],[-0.5,0.25]],\"prompt_eval_count\":3}");
      int damages = 1 + random.nextInt(3);
      for (int i = 0; i < damages; i++) {
        int at = 30 + random.nextInt(json.length() - 60);
        char with = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> json.setCharAt(at, with);
          case 1 -> json.insert(at, with);
          default -> json.deleteCharAt(at);
        }
      }
      String text = json.toString();
      EmbedResponse ours;
      try {
        ours = decode(text);
      } catch (JsonProcessingException refused) {
        continue;
      } catch (IOException e) {
        throw new AssertionError(text, e);
      }
      answered++;
      EmbedResponse theirs;
      try {
        theirs = jackson(text);
      } catch (IOException e) {
        throw new AssertionError("decoded what Jackson refuses: " + text, e);
      }
      assertThat(ours).as(text).isEqualTo(theirs);
    }
    // Some damage leaves a valid answer (a digit for a digit): those must have been compared.
    assertThat(answered).isGreaterThan(300);
  }

  @Test
  void leavesEveryOtherFieldToJackson() throws IOException {
    String json =
        " {\n \"unknown\": {\"a\": [1, {\"b\": \"],}\\\"\"}], \"c\": null},\n"
            + " \"model\" : \"mxbai-embed-large\\u0021\",\t\"embeddings\" : [ [ 0.5 , -1e-3 ] ,"
            + " [ ] ],\"total_duration\": 14143917,\"load_duration\":1019500,"
            + "\"prompt_eval_count\":8, \"later\": [true, false, \"x\"]} \n";

    EmbedResponse response = decode(json);

    assertThat(response).isEqualTo(jackson(json));
    assertThat(response.model()).isEqualTo("mxbai-embed-large!");
    assertThat(response.embeddings()).hasSize(2);
    assertThat(response.embeddings().get(0)).containsExactly(0.5f, -1e-3f);
    assertThat(response.embeddings().get(1)).isEmpty();
    assertThat(response.metrics().orElseThrow().totalDuration())
        .isEqualTo(Duration.ofNanos(14143917));
    assertThat(response.metrics().orElseThrow().promptEvalCount()).isEqualTo(8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"embeddings\": null}",
        "{\"embeddings\": []}",
        "{\"embe\\u0064dings\": [[1, 2]]}",
        "{\"embeddings\": [[1]], \"embeddings\": [[2, 3]]}",
        "{\"embeddings\": [[4]], \"embeddings\": null}",
        "{\"embeddings\": null, \"embeddings\": [[5]]}",
        "{\"model\": \"m\", \"total_duration\": \"12\"}"
      })
  void decodesUnusualButValidAnswersAsJacksonDoes(String json) throws IOException {
    assertThat(decode(json)).isEqualTo(jackson(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "", "  ", "[]", "\"text\"", "42"})
  void leavesAnswersThatAreNoObjectToJackson(String json) {
    Object viaJackson;
    try {
      viaJackson = jackson(json);
    } catch (IOException e) {
      viaJackson = e.getClass();
    }
    Object viaDecoder;
    try {
      viaDecoder = decode(json);
    } catch (IOException e) {
      viaDecoder = e.getClass();
    }
    assertThat(viaDecoder).isEqualTo(viaJackson);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"embeddings\": [[0.1, null]]}|embeddings[0][1] must be a number, was null",
        "{\"embeddings\": [[0.1], [\"0.2\"]]}|embeddings[1][0] must be a number, was a string \"0.2\"",
        "{\"embeddings\": [[0.1, [0.2]]]}|embeddings[0][1] must be a number, was an array",
        "{\"embeddings\": [[{}]]}|embeddings[0][0] must be a number, was an object",
        "{\"embeddings\": [[true]]}|embeddings[0][0] must be a number, was a boolean",
        "{\"embeddings\": [0.1, 0.2]}|embeddings[0] must be an array of numbers, was a number",
        "{\"embeddings\": [[1.2.3]]}|embeddings[0][0] is not a valid JSON number: 1.2.3",
        "{\"embeddings\": [[01]]}|embeddings[0][0] is not a valid JSON number: 01",
        "{\"embeddings\": [[1e]]}|embeddings[0][0] is not a valid JSON number: 1e",
        "{\"embeddings\": [[-]]}|embeddings[0][0] is not a valid JSON number: -",
        "{\"embeddings\": [[.5]]}|embeddings[0][0] must be a number, was '.'",
        "{\"embeddings\": [[NaN]]}|embeddings[0][0] must be a number, was 'N'",
        "{\"embeddings\": [[1,]]}|embeddings[0][1] must be a number, was ']'",
        "{\"embeddings\": [[1 2]]}|expected ',' or ']' after embeddings[0][0], found a number",
        "{\"embeddings\": [[1], ]}|embeddings[1] must be an array of numbers, was ']'",
        "{\"embeddings\": [[1, 2|expected ',' or ']' after embeddings[0][1], found the end of the input",
        "{\"embeddings\": [[1, |embeddings[0][1] must be a number, was the end of the input",
        "{\"embeddings\": [[1, 2]]|expected ',' or '}' after a field, found the end of the input",
        "{\"embeddings\": [[1]]} x|expected the end of the answer after its object, found 'x'",
        "{\"model\" \"m\"}|expected ':' after the field name \"model\"",
        "{model: 1}|expected a field name in the answer object, found 'm'",
      })
  void namesWhereAndWhatWasWrong(String jsonAndMessage) {
    String[] parts = jsonAndMessage.split("\\|");
    assertThatThrownBy(() -> decode(parts[0]))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(
            e ->
                assertThat(((JsonProcessingException) e).getOriginalMessage())
                    .startsWith(parts[1]));
  }
}
