package io.github.ollamaclient.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeOllama} as a process, so front ends and clients in other languages can be
 * developed without Ollama:
 *
 * <pre>
 * java -jar ollama-client-testkit-VERSION-standalone.jar [--port 11434] [--host 127.0.0.1]
 *     [--script script.yaml]
 * </pre>
 *
 * <p>Without a script it serves one small model, {@value #DEFAULT_MODEL}, that answers every
 * prompt. Stops on Ctrl-C or SIGTERM.
 */
public final class FakeOllamaMain {
  /** The model served when no script is given: the SDK examples' default model. */
  public static final String DEFAULT_MODEL = "7shi/ezo-gemma-2-jpn:2b-instruct-q8_0";

  private static final String USAGE =
      "usage: java -jar ollama-client-testkit-standalone.jar [--port 11434] [--host 127.0.0.1]"
          + " [--script script.json|script.yaml]";

  private FakeOllamaMain() {}

  /** Starts the fake and blocks until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    // Without a logging backend on the class path, slf4j would warn about it on every start.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    FakeOllama fake;
    try {
      fake = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (fake == null) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                },
                "fake-ollama-shutdown"));
    stopped.await();
  }

  /**
   * Parses {@code args}, starts the fake and prints where it listens; {@code null} after printing
   * the usage for {@code --help}.
   *
   * @throws IllegalArgumentException on an unknown or malformed argument
   */
  public static FakeOllama start(String[] args, PrintStream out) {
    int port = 11434;
    String host = "127.0.0.1";
    Path script = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help":
        case "-h":
          out.println(USAGE);
          return null;
        case "--port":
          port = parsePort(value(args, ++i, arg));
          break;
        case "--host":
          host = value(args, ++i, arg);
          break;
        case "--script":
          script = Path.of(value(args, ++i, arg));
          break;
        default:
          throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    FakeOllama fake = FakeOllama.create().withPort(port).withHost(host);
    if (script != null) {
      fake.withScript(script);
    }
    if (fake.modelNames().isEmpty()) {
      fake.withModel(
          DEFAULT_MODEL,
          model ->
              model
                  .family("gemma2")
                  .parameterSize("2.6B")
                  .quantizationLevel("Q8_0")
                  .size(2_784_280_544L));
    }
    fake.start();
    out.println("FakeOllama listening on " + fake.baseUrl() + " with models " + fake.modelNames());
    return fake;
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0..65535, was " + text);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, was " + text, e);
    }
  }
}
