package io.github.ollamaclient.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client used from a named module on the module path, as a modular application uses it: the
 * module {@code io.github.ollamaclient} resolves with its dependencies, exports its API (the
 * requests, answers, exceptions) and keeps {@code internal} to itself.
 */
class NamedModuleTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aNamedModuleChatsWithStructuredOutputAndCatchesTheClientsExceptions() throws Exception {
    server.enqueue(
        ndjson(
            "{\"model\":\"qwen3\",\"created_at\":\"2025-06-04T14:38:31Z\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"{\\\"city\\\":\\\"Tokyo\\\",\\\"degrees\\\":22}\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"eval_count\":7}"));
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "application/json")
            .body("{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}")
            .build());
    Path sources = dir.resolve("src");
    write(
        sources.resolve("module-info.java"),
        """
        module demo {
          requires io.github.ollamaclient;
          opens demo to com.fasterxml.jackson.databind;
        }
        """);
    write(
        sources.resolve("demo/Main.java"),
        """
        package demo;

        import io.github.ollamaclient.OllamaClient;
        import io.github.ollamaclient.chat.ChatRequest;
        import io.github.ollamaclient.chat.ChatResponse;
        import io.github.ollamaclient.chat.Message;
        import io.github.ollamaclient.error.ModelNotFoundException;
        import io.github.ollamaclient.inference.Format;

        public class Main {
          public record Weather(String city, int degrees) {}

          public static void main(String[] args) {
            try (OllamaClient client = OllamaClient.builder().baseUrl(args[0]).build()) {
              ChatResponse answer =
                  client.chat(
                      ChatRequest.builder("qwen3")
                          .message(Message.user("The weather in Tokyo?"))
                          .format(Format.of(Weather.class))
                          .build());
              Weather weather = answer.message().contentAs(Weather.class);
              System.out.println(weather + " from " + Main.class.getModule().getName());
              System.out.println("tokens " + answer.metrics().orElseThrow().evalCount());
              try {
                client.chat(ChatRequest.builder("nope").message(Message.user("hi")).build());
              } catch (ModelNotFoundException e) {
                System.out.println("missing " + e.model().orElse("?"));
              }
            }
          }
        }
        """);
    Path classes = dir.resolve("classes");

    assertThat(compile(sources, classes)).as("compiled").isEqualTo(0);
    Process run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                ModulePath.withCore(classes.toString()),
                "--module",
                "demo/demo.Main",
                server.url("/").toString())
            .redirectErrorStream(true)
            .start();
    String output = read(run.getInputStream());
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("finished: %s", output).isTrue();

    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("Weather[city=Tokyo, degrees=22] from demo")
        .contains("tokens 7")
        .contains("missing nope");
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getBody().utf8()).contains("\"format\":{").contains("\"degrees\"");
  }

  @Test
  void theInternalPackagesAreNotVisibleToAnotherModule() throws IOException {
    Path sources = dir.resolve("src");
    write(sources.resolve("module-info.java"), "module peek { requires io.github.ollamaclient; }");
    write(
        sources.resolve("peek/Peek.java"),
        """
        package peek;

        public class Peek {
          Object decoder = io.github.ollamaclient.internal.wire.EmbedBodyDecoder.class;
        }
        """);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();

    int status = compile(sources, dir.resolve("classes"), errors);

    assertThat(status).isNotZero();
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("package io.github.ollamaclient.internal.wire is not visible");
  }

  private static MockResponse ndjson(String line) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/x-ndjson")
        .body(line + "\n")
        .build();
  }

  private static int compile(Path sources, Path classes) throws IOException {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compile(sources, classes, errors);
    if (status != 0) {
      throw new AssertionError("javac: " + errors.toString(StandardCharsets.UTF_8));
    }
    return status;
  }

  private static int compile(Path sources, Path classes, ByteArrayOutputStream errors)
      throws IOException {
    ToolProvider javac =
        ToolProvider.findFirst("javac")
            .orElseThrow(() -> new AssertionError("javac not found: run the tests on a JDK"));
    List<String> files;
    try (var walk = Files.walk(sources)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--release",
                "17",
                "--module-path",
                ModulePath.withCore(),
                "-d",
                classes.toString()));
    args.addAll(files);
    PrintWriter out = new PrintWriter(errors, true, StandardCharsets.UTF_8);
    return javac.run(out, out, args.toArray(String[]::new));
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
