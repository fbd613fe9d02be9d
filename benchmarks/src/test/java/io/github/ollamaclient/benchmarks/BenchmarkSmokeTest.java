package io.github.ollamaclient.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark for one short iteration in this JVM, with the GC profiler, so the module
 * cannot rot: each must produce a time and an allocation figure. The real run is {@code run.sh}.
 */
class BenchmarkSmokeTest {
  @Test
  void everyBenchmarkProducesATimeAndAnAllocationFigure() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("io\\.github\\.ollamaclient\\.benchmarks\\..*Benchmark\\..*")
            .forks(0)
            .warmupIterations(1)
            .warmupTime(TimeValue.milliseconds(100))
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .timeout(TimeValue.seconds(30))
            .addProfiler(GCProfiler.class)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    Map<String, Double> allocations = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      assertThat(result.getPrimaryResult().getScore()).as(name).isPositive();
      allocations.put(
          name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
          result.getSecondaryResults().get("gc.alloc.rate.norm").getScore());
    }
    assertThat(allocations)
        .containsOnlyKeys(
            "ChunkDecodeBenchmark.jacksonTree",
            "ChunkDecodeBenchmark.presentMembersRecord",
            "ChunkDecodeBenchmark.sdkChatResponse",
            "EmbedAllBenchmark.okhttpBytesOneCall",
            "EmbedAllBenchmark.sdkEmbedAllBatches",
            "EmbedAllBenchmark.sdkEmbedOneCall",
            "EmbedBenchmark.okhttpBytes",
            "EmbedBenchmark.okhttpJacksonTree",
            "EmbedBenchmark.sdkEmbed",
            "SmallChatBenchmark.okhttpJacksonRecord",
            "SmallChatBenchmark.okhttpJacksonTree",
            "SmallChatBenchmark.okhttpPlainPost",
            "SmallChatBenchmark.sdkChat",
            "StreamingChatBenchmark.okhttpJacksonTree",
            "StreamingChatBenchmark.okhttpLines",
            "StreamingChatBenchmark.sdkChatStream");
    assertThat(allocations.get("EmbedBenchmark.sdkEmbed"))
        .as("the floats alone")
        .isGreaterThan(1 << 20);
    assertThat(allocations.get("EmbedAllBenchmark.sdkEmbedAllBatches"))
        .as("10,000 vectors of 384 floats, every batch's answer kept")
        .isGreaterThan(10_000 * 384 * 4.0);
  }
}
