package io.github.ollamaclient.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.chat.ChatResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prepared payloads decode to what they should, through the SDK and through every floor, so the
 * benchmarks measure real work and all routes do the same work.
 */
class PayloadsTest {
  private static final Payloads PAYLOADS = Payloads.get();

  private static StreamingChatBenchmark streaming;
  private static EmbedBenchmark embed;
  private static SmallChatBenchmark small;

  @BeforeAll
  static void openServers() {
    streaming = new StreamingChatBenchmark();
    streaming.setUp();
    embed = new EmbedBenchmark();
    embed.setUp();
    small = new SmallChatBenchmark();
    small.setUp();
  }

  @AfterAll
  static void closeServers() {
    streaming.tearDown();
    embed.tearDown();
    small.tearDown();
  }

  @Test
  void printsFloatsAsGoEncodingJsonDoes() {
    assertThat(Payloads.goFloat32(-0.0058914367f)).isEqualTo("-0.0058914367");
    assertThat(Payloads.goFloat32(0.1f)).isEqualTo("0.1");
    assertThat(Payloads.goFloat32(1f)).isEqualTo("1");
    assertThat(Payloads.goFloat32(0f)).isEqualTo("0");
    assertThat(Payloads.goFloat32(-0f)).isEqualTo("-0");
    assertThat(Payloads.goFloat32(1e-5f)).isEqualTo("0.00001");
    assertThat(Payloads.goFloat32(4.2e-7f)).isEqualTo("4.2e-7");
    assertThat(Payloads.goFloat32(-1.2345e-7f)).isEqualTo("-1.2345e-7");
    assertThat(Payloads.goFloat32(3e21f)).isEqualTo("3e+21");
  }

  @Test
  void printsEveryVectorNumberInItsShortestRoundTripForm() {
    String body = new String(Payloads.bodyOf(PAYLOADS.embedResponse()));
    assertThat(body).contains("e-7").contains(",0,").contains(",-0,").doesNotContain(".0,");
    for (float value : PAYLOADS.vectors()[0]) {
      String text = Payloads.goFloat32(value);
      assertThat(Float.parseFloat(text)).isEqualTo(value);
      assertThat(text.replaceAll("[-.]|e.*", "").replaceFirst("^0+", "").length())
          .isLessThanOrEqualTo(9);
    }
  }

  @Test
  void streamsTwentyThousandChunksWhoseContentTheSdkAssembles() {
    StringBuilder content = streaming.sdkChatStream();

    assertThat(content.toString()).isEqualTo(PAYLOADS.chatStreamContent());
    assertThat(PAYLOADS.chatStreamContent()).contains("café", "🌅", "\"blue\"", "\n\n");
  }

  @Test
  void streamsTheSameLinesToTheFloors() throws Exception {
    assertThat(streaming.okhttpLines()).isEqualTo(Payloads.STREAM_CHUNKS);
    assertThat(streaming.okhttpJacksonTree().toString()).isEqualTo(PAYLOADS.chatStreamContent());
  }

  @Test
  void endsTheStreamWithTheStatisticsOfARealFinalChunk() {
    try (var stream = streaming.fixtureClient().chatStream(streaming.request())) {
      ChatResponse whole = stream.aggregate();
      assertThat(whole.doneReason()).contains("stop");
      assertThat(whole.metrics())
          .hasValueSatisfying(m -> assertThat(m.evalCount()).isEqualTo(19_999));
    }
  }

  @Test
  void decodesEveryEmbeddingNumberExactly() throws Exception {
    List<float[]> sdk = embed.sdkEmbed();
    List<float[]> tree = embed.okhttpJacksonTree();

    assertThat(sdk).hasSize(Payloads.EMBED_VECTORS);
    for (int v = 0; v < Payloads.EMBED_VECTORS; v++) {
      assertThat(sdk.get(v))
          .hasSize(Payloads.EMBED_DIMENSIONS)
          .containsExactly(PAYLOADS.vectors()[v]);
      float[] fromTree = tree.get(v);
      float[] expected = PAYLOADS.vectors()[v];
      for (int i = 0; i < expected.length; i++) {
        // == on purpose: a JsonNode reads Go's "-0" as the integer 0, which loses the sign.
        assertThat(fromTree[i] == expected[i]).as("vector %d, number %d", v, i).isTrue();
      }
    }
    assertThat(embed.okhttpBytes()).isEqualTo(Payloads.bodyOf(PAYLOADS.embedResponse()).length);
  }

  @Test
  void answersTheSmallCallAlikeOnEveryRoute() throws Exception {
    assertThat(small.sdkChat().message().content()).isEqualTo(Payloads.SMALL_CHAT_CONTENT);
    assertThat(small.okhttpJacksonRecord().message().content())
        .isEqualTo(Payloads.SMALL_CHAT_CONTENT);
    assertThat(small.okhttpJacksonTree().path("message").path("content").asText())
        .isEqualTo(Payloads.SMALL_CHAT_CONTENT);
    assertThat(small.okhttpPlainPost()).contains(Payloads.SMALL_CHAT_CONTENT);
  }
}
