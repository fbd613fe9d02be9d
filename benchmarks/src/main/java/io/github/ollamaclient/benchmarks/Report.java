package io.github.ollamaclient.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code docs/benchmarks.md} from one run's results: JMH's JSON, the cold-start timings, the
 * core's runtime jars and the machine. Every figure is set beside its floor from the same run, and
 * every target of issue 6 is judged met or missed, by how much.
 *
 * <p>Reads from a directory: {@code jmh.json} (JMH {@code -rf json}), {@code cold-sdk.txt} and
 * {@code cold-plain.txt} (one millisecond count per line), {@code deps.txt} (one {@code jar<TAB>
 * bytes} per line), {@code env.properties} ({@code cpu}, {@code cores}, {@code memory}, {@code
 * jvm}, {@code os}, {@code date}, {@code command}) and optionally {@code notes.md}, appended as
 * written.
 */
public final class Report {
  private static final double MIB = 1024.0 * 1024.0;

  private final Map<String, Result> results;
  private final List<Long> coldSdk;
  private final List<Long> coldPlain;
  private final Map<String, Long> jars;
  private final Properties env;
  private final String notes;

  /** One benchmark's figures: time per operation in milliseconds, bytes allocated per operation. */
  record Result(double millis, double errorMillis, double bytes) {}

  Report(
      Map<String, Result> results,
      List<Long> coldSdk,
      List<Long> coldPlain,
      Map<String, Long> jars,
      Properties env,
      String notes) {
    this.results = results;
    this.coldSdk = coldSdk;
    this.coldPlain = coldPlain;
    this.jars = jars;
    this.env = env;
    this.notes = notes;
  }

  /** {@code args[0]}: the results directory; {@code args[1]}: the markdown file to write. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Report report =
        new Report(
            readJmh(dir.resolve("jmh.json")),
            readLongs(dir.resolve("cold-sdk.txt")),
            readLongs(dir.resolve("cold-plain.txt")),
            readJars(dir.resolve("deps.txt")),
            readProperties(dir.resolve("env.properties")),
            Files.exists(dir.resolve("notes.md")) ? Files.readString(dir.resolve("notes.md")) : "");
    Files.writeString(Path.of(args[1]), report.markdown(), StandardCharsets.UTF_8);
  }

  /** JMH's JSON results by {@code Class.method}, times converted to milliseconds. */
  static Map<String, Result> readJmh(Path json) throws IOException {
    Map<String, Result> results = new LinkedHashMap<>();
    for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
      String name = run.get("benchmark").asText();
      String[] parts = name.split("\\.");
      String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
      JsonNode primary = run.get("primaryMetric");
      double scale = toMillis(primary.get("scoreUnit").asText());
      double bytes = Double.NaN;
      JsonNode secondary = run.path("secondaryMetrics");
      for (var it = secondary.fieldNames(); it.hasNext(); ) {
        String metric = it.next();
        if (metric.endsWith("gc.alloc.rate.norm")) {
          bytes = secondary.get(metric).get("score").asDouble();
        }
      }
      double error = primary.get("scoreError").asDouble();
      results.put(
          key,
          new Result(
              primary.get("score").asDouble() * scale,
              Double.isNaN(error) ? 0 : error * scale,
              bytes));
    }
    return results;
  }

  private static double toMillis(String unit) {
    switch (unit) {
      case "ms/op":
        return 1;
      case "us/op":
        return 1e-3;
      case "ns/op":
        return 1e-6;
      case "s/op":
        return 1e3;
      default:
        throw new IllegalArgumentException("unexpected JMH unit " + unit);
    }
  }

  private static List<Long> readLongs(Path file) throws IOException {
    List<Long> values = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        values.add(Long.parseLong(line.trim()));
      }
    }
    return values;
  }

  private static Map<String, Long> readJars(Path file) throws IOException {
    Map<String, Long> jars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split("\t");
      if (parts.length == 2) {
        jars.put(parts[0], Long.parseLong(parts[1].trim()));
      }
    }
    return jars;
  }

  private static Properties readProperties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  /** The whole markdown page. */
  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Generated by `benchmarks/run.sh` (JMH, module `benchmarks`); do not edit by hand.")
        .append(" Absolute times depend on the machine and on what else runs on it, so every")
        .append(" figure stands beside its floor measured in the same run, and the targets of")
        .append(" issue 6 are ratios.\n\n");
    md.append("| | |\n|---|---|\n");
    row(md, "date", env.getProperty("date", "?"));
    row(
        md,
        "machine",
        env.getProperty("cpu", "?") + ", " + env.getProperty("cores", "?") + " cores");
    row(md, "memory", env.getProperty("memory", "?"));
    row(md, "OS", env.getProperty("os", "?"));
    row(md, "JVM", env.getProperty("jvm", "?"));
    row(md, "command", "`" + env.getProperty("command", "?") + "`");
    md.append('\n')
        .append("The server is a loopback HTTP/1.1 server in the benchmark JVM that writes")
        .append(" pre-rendered answers (one `write` each, keep-alive): the chat stream is chunked")
        .append(" with one HTTP chunk per NDJSON line, as Ollama sends it. Times are JMH averages")
        .append(" per operation (± the 99.9% interval); allocation is JMH's `gc.alloc.rate.norm`")
        .append(" (`-prof gc`), in the benchmark thread, per operation.\n\n");

    streaming(md);
    embed(md);
    embedAll(md);
    smallCall(md);
    coldStart(md);
    dependencies(md);
    targets(md);
    if (!notes.isBlank()) {
      md.append("## What the profile shows, what was tried\n\n").append(notes.strip()).append('\n');
    }
    return md.toString();
  }

  private void streaming(StringBuilder md) {
    md.append("## 1. Streaming chat: 20,000 NDJSON chunks per operation\n\n");
    table(
        md,
        "StreamingChatBenchmark.okhttpLines",
        "plain OkHttp, `readUtf8Line()` per line (floor)",
        "StreamingChatBenchmark.sdkChatStream",
        "`client.chatStream(...)`, content into a `StringBuilder`",
        "StreamingChatBenchmark.okhttpJacksonTree",
        "plain OkHttp + Jackson `readTree` per line, content appended");
    double perChunk = perChunkBeyondFloor();
    if (perChunk < 0) {
      // The SDK reads lines in place and makes fewer objects than the floor's line strings.
      md.append("\nThe SDK allocates less than the floor (which allocates each line's `String`): ")
          .append(bytes(-perChunk))
          .append(" per chunk fewer.\n\n");
    } else {
      md.append("\nBeyond the floor (which allocates each line's `String`), the SDK allocates ")
          .append(bytes(perChunk))
          .append(" per chunk.\n\n");
    }
  }

  private void embed(StringBuilder md) {
    md.append("## 2. `/api/embed`: 256 vectors x 1024 float32 per operation\n\n");
    table(
        md,
        "EmbedBenchmark.okhttpBytes",
        "plain OkHttp, body bytes read into a reused buffer (floor)",
        "EmbedBenchmark.sdkEmbed",
        "`client.embed(...)` into `float[]`s",
        "EmbedBenchmark.okhttpJacksonTree",
        "plain OkHttp + Jackson `readTree`, copied into `float[]`s");
    md.append("\nThe body is ")
        .append(String.format(Locale.ROOT, "%.2f", embedBodyBytes() / MIB))
        .append(" MiB of JSON; the decoded floats themselves are 1 MiB.\n\n");
  }

  private void embedAll(StringBuilder md) {
    md.append("## 2b. `embedAll`: 10,000 inputs, batches of 100 against one call\n\n");
    table(
        md,
        "EmbedAllBenchmark.okhttpBytesOneCall",
        "plain OkHttp, the one big call, body bytes read (floor)",
        "EmbedAllBenchmark.sdkEmbedOneCall",
        "`client.embed(...)`, all 10,000 inputs in one call",
        "EmbedAllBenchmark.sdkEmbedAllBatches",
        "`client.embedAll(..., 100, ...)`: 100 calls of 100 inputs");
    Result one = results.get("EmbedAllBenchmark.sdkEmbedOneCall");
    Result batches = results.get("EmbedAllBenchmark.sdkEmbedAllBatches");
    if (one != null && batches != null) {
      md.append("\nVectors of 384 float32 (all-minilm's size). Batches against one call: ")
          .append(ratio(batches.millis() / one.millis()))
          .append(" the time; the server answers from canned bodies, so the figure is the")
          .append(" client's cost of a hundred round trips, not the model's.\n\n");
    }
  }

  private void smallCall(StringBuilder md) {
    md.append("## 3. One small non-streamed chat call, end to end\n\n");
    table(
        md,
        "SmallChatBenchmark.okhttpJacksonRecord",
        "plain OkHttp + Jackson, request and answer records (floor)",
        "SmallChatBenchmark.sdkChat",
        "`client.chat(...)`, request built and answer decoded",
        "SmallChatBenchmark.okhttpJacksonTree",
        "plain OkHttp + Jackson `readTree`");
    Result post = results.get("SmallChatBenchmark.okhttpPlainPost");
    if (post != null) {
      md.append("\nThe wire alone (a ready body posted, the answer read as a string): ")
          .append(time(post))
          .append(", ")
          .append(bytes(post.bytes()))
          .append(" per call.\n\n");
    }
  }

  private void coldStart(StringBuilder md) {
    md.append("## 4. Cold start: fresh JVM to the first completed chat call\n\n")
        .append("Each run is a new `java -cp …` process timed from the JVM's start")
        .append(" (`RuntimeMXBean.getStartTime()`) to the decoded answer, against a server in")
        .append(" another JVM.\n\n")
        .append("| main | runs | median | min | max | ratio |\n|---|---:|---:|---:|---:|---:|\n");
    double floor = median(coldPlain);
    coldRow(md, "`ColdStartPlain`: OkHttp + Jackson records (floor)", coldPlain, floor);
    coldRow(md, "`ColdStartSdk`: `OllamaClient.chat`", coldSdk, floor);
    md.append('\n');
  }

  private void coldRow(StringBuilder md, String name, List<Long> values, double floor) {
    if (values.isEmpty()) {
      md.append("| ").append(name).append(" | 0 | | | | |\n");
      return;
    }
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(values.size())
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.0f ms", median(values)))
        .append(" | ")
        .append(values.stream().mapToLong(Long::longValue).min().orElse(0))
        .append(" ms | ")
        .append(values.stream().mapToLong(Long::longValue).max().orElse(0))
        .append(" ms | ")
        .append(ratio(median(values) / floor))
        .append(" |\n");
  }

  private void dependencies(StringBuilder md) {
    md.append("## Core's runtime dependency closure\n\n")
        .append("`ollama-client-core`'s compile and runtime dependencies, transitively:\n\n")
        .append("| jar | size |\n|---|---:|\n");
    long total = 0;
    for (Map.Entry<String, Long> jar : jars.entrySet()) {
      md.append("| `")
          .append(jar.getKey())
          .append("` | ")
          .append(String.format(Locale.ROOT, "%,d KiB", Math.round(jar.getValue() / 1024.0)))
          .append(" |\n");
      total += jar.getValue();
    }
    md.append("| **total** (")
        .append(jars.size())
        .append(" jars) | **")
        .append(String.format(Locale.ROOT, "%.2f MiB", total / MIB))
        .append("** |\n\n");
  }

  private void targets(StringBuilder md) {
    md.append("## Targets of issue 6\n\n")
        .append("| target | goal | this run | verdict |\n|---|---|---|---|\n");
    Result streamSdk = results.get("StreamingChatBenchmark.sdkChatStream");
    Result streamFloor = results.get("StreamingChatBenchmark.okhttpLines");
    double streamRatio = streamSdk.millis() / streamFloor.millis();
    target(md, "streaming chat time vs raw lines", "≤ 2×", ratio(streamRatio), streamRatio, 2);
    target(
        md,
        "streaming chat time vs raw lines (stretch)",
        "≤ 1.5×",
        ratio(streamRatio),
        streamRatio,
        1.5);
    double perChunk = perChunkBeyondFloor();
    target(
        md,
        "streaming chat allocation per chunk beyond the floor",
        "≤ 600 B",
        bytes(perChunk),
        perChunk,
        600);
    Result embedSdk = results.get("EmbedBenchmark.sdkEmbed");
    double embedRatio = embedSdk.millis() / results.get("EmbedBenchmark.okhttpBytes").millis();
    target(md, "embed time vs raw bytes", "≤ 4×", ratio(embedRatio), embedRatio, 4);
    double treeRatio = embedSdk.millis() / results.get("EmbedBenchmark.okhttpJacksonTree").millis();
    target(
        md,
        "embed time vs OkHttp + Jackson `JsonNode`",
        "≤ 1/3 (0.33×)",
        ratio(treeRatio),
        treeRatio,
        1.0 / 3);
    target(
        md,
        "embed allocation per call",
        "≤ 2.5 MiB",
        String.format(Locale.ROOT, "%.2f MiB", embedSdk.bytes() / MIB),
        embedSdk.bytes(),
        2.5 * MIB);
    double smallRatio =
        results.get("SmallChatBenchmark.sdkChat").millis()
            / results.get("SmallChatBenchmark.okhttpJacksonRecord").millis();
    target(
        md, "small call vs OkHttp + Jackson binding", "≤ 1.2×", ratio(smallRatio), smallRatio, 1.2);
    double coldRatio = median(coldSdk) / median(coldPlain);
    target(
        md, "cold start vs OkHttp + Jackson (medians)", "≤ 1.3×", ratio(coldRatio), coldRatio, 1.3);
    List<String> unexpected = unexpectedJars();
    md.append("| core's runtime closure | okhttp, jackson-databind, slf4j-api and their own")
        .append(" dependencies | ")
        .append(jars.size())
        .append(" jars")
        .append(unexpected.isEmpty() ? "" : ", unexpected: " + String.join(", ", unexpected))
        .append(" | ")
        .append(unexpected.isEmpty() ? "met" : "**missed**")
        .append(" |\n\n");
  }

  /** Jars outside okhttp, jackson, slf4j-api and what those bring (okio, Kotlin's stdlib). */
  List<String> unexpectedJars() {
    List<String> allowed =
        Arrays.asList(
            "okhttp-jvm-",
            "okio-jvm-",
            "kotlin-stdlib-",
            "annotations-",
            "jackson-databind-",
            "jackson-core-",
            "jackson-annotations-",
            "slf4j-api-");
    List<String> unexpected = new ArrayList<>();
    for (String jar : jars.keySet()) {
      if (allowed.stream().noneMatch(jar::startsWith)) {
        unexpected.add(jar);
      }
    }
    return unexpected;
  }

  private static void target(
      StringBuilder md, String name, String goal, String figure, double value, double limit) {
    md.append("| ").append(name).append(" | ").append(goal).append(" | ").append(figure);
    if (value <= limit) {
      md.append(" | met |\n");
    } else {
      md.append(" | **missed** by ")
          .append(String.format(Locale.ROOT, "%.0f%%", 100 * (value / limit - 1)))
          .append(" |\n");
    }
  }

  double perChunkBeyondFloor() {
    Result sdk = results.get("StreamingChatBenchmark.sdkChatStream");
    Result floor = results.get("StreamingChatBenchmark.okhttpLines");
    return (sdk.bytes() - floor.bytes()) / Payloads.STREAM_CHUNKS;
  }

  private static double embedBodyBytes() {
    return Payloads.bodyOf(Payloads.get().embedResponse()).length;
  }

  private void table(
      StringBuilder md,
      String floorKey,
      String floorName,
      String sdkKey,
      String sdkName,
      String treeKey,
      String treeName) {
    Result floor = results.get(floorKey);
    md.append("| route | time per op | ratio to floor | allocated per op | beyond floor |\n")
        .append("|---|---:|---:|---:|---:|\n");
    resultRow(md, floorName, floor, floor);
    resultRow(md, sdkName, results.get(sdkKey), floor);
    resultRow(md, treeName, results.get(treeKey), floor);
  }

  private static void resultRow(StringBuilder md, String name, Result result, Result floor) {
    if (result == null) {
      md.append("| ").append(name).append(" | not run | | | |\n");
      return;
    }
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(time(result))
        .append(" | ")
        .append(ratio(result.millis() / floor.millis()))
        .append(" | ")
        .append(bytes(result.bytes()))
        .append(" | ")
        .append(result == floor ? "" : bytes(result.bytes() - floor.bytes()))
        .append(" |\n");
  }

  private static String time(Result result) {
    double ms = result.millis();
    if (ms < 1) {
      return String.format(Locale.ROOT, "%.1f µs ± %.1f", ms * 1e3, result.errorMillis() * 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms ± %.2f", ms, result.errorMillis());
  }

  static String bytes(double bytes) {
    if (Double.isNaN(bytes)) {
      return "n/a";
    }
    double abs = Math.abs(bytes);
    if (abs >= MIB) {
      return String.format(Locale.ROOT, "%.2f MiB", bytes / MIB);
    }
    if (abs >= 10 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }
    return String.format(Locale.ROOT, "%.0f B", bytes);
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  static double median(List<Long> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
