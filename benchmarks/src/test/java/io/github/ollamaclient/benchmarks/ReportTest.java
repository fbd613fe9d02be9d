package io.github.ollamaclient.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Report report(double streamSdkMillis, Map<String, Long> jars) {
    Map<String, Report.Result> results = new LinkedHashMap<>();
    results.put("StreamingChatBenchmark.okhttpLines", new Report.Result(6, 0.1, 4_000_000));
    results.put(
        "StreamingChatBenchmark.sdkChatStream",
        new Report.Result(streamSdkMillis, 0.2, 10_000_000));
    results.put("StreamingChatBenchmark.okhttpJacksonTree", new Report.Result(24, 0.3, 40_000_000));
    results.put("EmbedBenchmark.okhttpBytes", new Report.Result(3, 0.1, 10_000));
    results.put("EmbedBenchmark.sdkEmbed", new Report.Result(10, 0.1, 2 * 1024 * 1024));
    results.put("EmbedBenchmark.okhttpJacksonTree", new Report.Result(36, 0.5, 30_000_000));
    results.put("SmallChatBenchmark.okhttpJacksonRecord", new Report.Result(0.1, 0.01, 20_000));
    results.put("SmallChatBenchmark.sdkChat", new Report.Result(0.11, 0.01, 30_000));
    results.put("SmallChatBenchmark.okhttpJacksonTree", new Report.Result(0.1, 0.01, 21_000));
    Properties env = new Properties();
    env.setProperty("cpu", "Test CPU");
    return new Report(results, List.of(300L, 310L, 320L), List.of(250L, 260L, 270L), jars, env, "");
  }

  @Test
  void judgesEachTargetAndSaysByHowMuchOneIsMissed() {
    String md = report(15, Map.of("okhttp-jvm-5.5.1.jar", 1000L)).markdown();

    assertThat(md)
        .contains("| streaming chat time vs raw lines | ≤ 2× | 2.50× | **missed** by 25% |")
        .contains("| embed time vs raw bytes | ≤ 4× | 3.33× | met |")
        .contains("| embed allocation per call | ≤ 2.5 MiB | 2.00 MiB | met |")
        .contains("| cold start vs OkHttp + Jackson (medians) | ≤ 1.3× | 1.19× | met |")
        .contains("the SDK allocates 300 B per chunk");
  }

  @Test
  void flagsARuntimeJarOutsideTheAllowedClosure() {
    Map<String, Long> jars = new LinkedHashMap<>();
    jars.put("okhttp-jvm-5.5.1.jar", 1000L);
    jars.put("guava-33.0.jar", 3000L);

    assertThat(report(10, jars).unexpectedJars()).containsExactly("guava-33.0.jar");
    assertThat(report(10, jars).markdown()).contains("unexpected: guava-33.0.jar | **missed** |");
  }

  @Test
  void takesTheMiddleOfAnEvenNumberOfRuns() {
    assertThat(Report.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2.5);
  }
}
