package io.github.ollamaclient.examples.schedule;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the web API on port 8081, or, with {@code --tasks file.json}, runs once on the command
 * line and prints the schedule (no web server then).
 *
 * <pre>
 * java -jar schedule-suggester.jar
 * java -jar schedule-suggester.jar --tasks tasks.json [--date 2026-11-25] [--language en] [--yes]
 * java -jar schedule-suggester.jar --help
 * </pre>
 */
@SpringBootApplication
public class ScheduleSuggesterApplication {
  /**
   * Starts the web API, runs the command-line mode when {@code --tasks} is given, or prints the
   * usage for {@code --help} (and starts nothing).
   */
  public static void main(String[] args) {
    if (CommandLine.isHelp(args)) {
      System.out.print(CommandLine.HELP);
      System.out.flush();
      return;
    }
    if (CommandLine.isCommandLine(args)) {
      System.exit(runCommandLine(args, System.in, System.out));
    }
    SpringApplication.run(ScheduleSuggesterApplication.class, args);
  }

  /**
   * Runs the command-line mode in a context without a web server and returns the exit code.
   *
   * @param args the arguments, with {@code --tasks}; Spring properties ({@code --ollama.model=...})
   *     work too
   */
  public static int runCommandLine(String[] args, InputStream in, PrintStream out) {
    try (ConfigurableApplicationContext context = commandLineContext(args)) {
      return context.getBean(CommandLine.class).run(args, in, out);
    }
  }

  /** The application context of the command-line mode: no web server, quiet logging. */
  static ConfigurableApplicationContext commandLineContext(String[] args) {
    return new SpringApplicationBuilder(ScheduleSuggesterApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        // The table goes to standard output: keep Spring's INFO lines out of it.
        .properties("logging.level.root=warn")
        .run(springArgs(args));
  }

  private static String[] springArgs(String[] args) {
    // Only --name=value arguments are Spring properties; ours (--tasks file) are read by
    // CommandLine.
    return Arrays.stream(args)
        .filter(arg -> arg.startsWith("--") && arg.contains("="))
        .toArray(String[]::new);
  }
}
