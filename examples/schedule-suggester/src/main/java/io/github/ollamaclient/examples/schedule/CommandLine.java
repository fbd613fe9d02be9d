package io.github.ollamaclient.examples.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.error.ModelNotFoundException;
import io.github.ollamaclient.error.OllamaException;
import io.github.ollamaclient.examples.common.InvalidRequestException;
import io.github.ollamaclient.models.ProgressResponse;
import io.github.ollamaclient.stream.ResponseStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The command-line mode: reads tasks from a JSON file, makes sure the model is there (offering to
 * pull it, with a progress bar), and prints the schedule as a table.
 *
 * <p>The file holds either a whole request, as {@code POST /api/suggest-schedule} takes it, or just
 * the array of tasks (then the day is 09:00-18:00 with a break 12:00-13:00). {@code --date} and
 * {@code --language} override the file.
 */
@Component
public class CommandLine {
  static final String USAGE =
      "usage: java -jar schedule-suggester.jar --tasks FILE.json [--date YYYY-MM-DD]"
          + " [--language ja|en] [--yes] [--ollama.model=NAME] [--ollama.base-url=URL]";

  /** What {@code --help} prints: both modes and the settings a first run needs. */
  static final String HELP =
      """
      usage: java -jar schedule-suggester.jar [--server.port=8081] [--NAME=VALUE ...]
             %s
             java -jar schedule-suggester.jar --help

      Without --tasks: the web API on port 8081, POST /api/suggest-schedule (see the README).
      With --tasks: one schedule for the tasks file, printed as a table; no web server.

      Settings, as --NAME=VALUE or environment variables (OLLAMA_HOST, OLLAMA_MODEL, ...):
        ollama.base-url          the Ollama server (default OLLAMA_HOST, else http://127.0.0.1:11434)
        ollama.model             the model to ask (default 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0)
        app.cors.allowed-origins pages that may call the web API (default http://localhost:3000)
        app.max-tasks, app.max-breaks, app.max-title-chars, app.max-body-size
                                 request limits (defaults 50, 10, 200, 64KB)
        app.max-concurrent, app.queue-size, app.queue-timeout, app.max-num-predict
                                 what one caller may ask of the GPU (defaults 4, 16, 10s, 2048)
      """
          .formatted(USAGE.substring("usage: ".length()));

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int BAR_WIDTH = 30;

  private final OllamaClient client;
  private final ScheduleSuggester suggester;
  private final SuggesterProperties limits;

  /**
   * Creates the command line on the application's client and suggester; the tasks file is held to
   * the same {@code app.max-tasks} and {@code app.max-title-chars} as the web API's requests.
   */
  public CommandLine(OllamaClient client, ScheduleSuggester suggester, SuggesterProperties limits) {
    this.client = client;
    this.suggester = suggester;
    this.limits = limits;
  }

  /** Whether {@code args} ask for the usage: {@code --help} or {@code -h}. */
  public static boolean isHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code args} ask for the command-line mode: they name a tasks file. */
  public static boolean isCommandLine(String[] args) {
    for (String arg : args) {
      if (arg.equals("--tasks") || arg.startsWith("--tasks=")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs once and returns the exit code: 0 done, 1 Ollama or the model not available, 2 bad
   * arguments or tasks file.
   *
   * @param in answers to the pull question
   * @param out the table, questions and progress
   */
  public int run(String[] args, InputStream in, PrintStream out) {
    Arguments arguments;
    DayPlan plan;
    try {
      arguments = Arguments.parse(args);
      plan = RequestReader.read(request(arguments), LocalDate.now(), limits);
    } catch (UsageException e) {
      out.println("error: " + e.getMessage());
      out.println(USAGE);
      return 2;
    } catch (InvalidRequestException e) {
      out.println("error: in the tasks file, " + e.getMessage());
      return 2;
    }
    try {
      if (!ensureModel(arguments.yes(), in, out)) {
        return 1;
      }
      print(plan, suggester.suggest(plan), out);
      return 0;
    } catch (ModelNotFoundException e) {
      out.println("error: " + e.getMessage());
      return 1;
    } catch (OllamaException e) {
      out.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static JsonNode request(Arguments arguments) {
    JsonNode file;
    try {
      file = MAPPER.readTree(Files.readAllBytes(arguments.tasks()));
    } catch (NoSuchFileException e) {
      throw new UsageException("tasks file " + arguments.tasks() + " does not exist");
    } catch (JsonProcessingException e) {
      throw new UsageException(
          "tasks file " + arguments.tasks() + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UsageException("cannot read " + arguments.tasks() + ": " + e.getMessage());
    }
    ObjectNode request;
    if (file.isArray()) {
      request = MAPPER.createObjectNode();
      request.putObject("workingHours").put("start", "09:00").put("end", "18:00");
      request.putArray("breaks").addObject().put("start", "12:00").put("end", "13:00");
      request.set("tasks", file);
    } else if (file.isObject()) {
      request = (ObjectNode) file;
    } else {
      throw new UsageException(
          "tasks file " + arguments.tasks() + " must hold a request object or an array of tasks");
    }
    if (arguments.date() != null) {
      request.put("date", arguments.date());
    }
    if (arguments.language() != null) {
      request.put("language", arguments.language());
    }
    return request;
  }

  private boolean ensureModel(boolean yes, InputStream in, PrintStream out) {
    String model = suggester.model();
    try {
      client.show(model);
      return true;
    } catch (ModelNotFoundException e) {
      out.println(
          "The model " + model + " is not on the Ollama server at " + client.baseUrl() + ".");
    }
    if (!yes) {
      out.print("Pull it now? [y/N] ");
      out.flush();
      String answer = readLine(in);
      if (!answer.equals("y") && !answer.equals("yes")) {
        out.println("Not pulled. Pull it with: ollama pull " + model);
        return false;
      }
    }
    pull(model, out);
    return true;
  }

  private static String readLine(InputStream in) {
    try {
      // Not closed: closing would close the caller's stream (System.in).
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = reader.readLine();
      return line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "";
    }
  }

  private void pull(String model, PrintStream out) {
    out.println("Pulling " + model + " ...");
    boolean barShown = false;
    try (ResponseStream<ProgressResponse> progress = client.pull(model)) {
      for (ProgressResponse line : progress) {
        if (line.fraction().isPresent()) {
          out.print("\r" + bar(line));
          barShown = true;
        } else {
          if (barShown) {
            out.println();
            barShown = false;
          }
          out.println(line.status());
        }
        out.flush();
      }
    }
    if (barShown) {
      out.println();
    }
  }

  static String bar(ProgressResponse line) {
    double fraction = line.fraction().orElse(0);
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String status = line.status().length() > 24 ? line.status().substring(0, 24) : line.status();
    return String.format(
        Locale.ROOT,
        "%-24s [%s%s] %3d%% %s / %s",
        status,
        "#".repeat(filled),
        " ".repeat(BAR_WIDTH - filled),
        Math.round(fraction * 100),
        size(line.completed().orElse(0)),
        size(line.total().orElse(0)));
  }

  /** Bytes as people read them: {@code 512 B}, {@code 4.1 kB}, {@code 2.0 GB} (powers of 1000). */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static void print(DayPlan plan, ScheduleResponse response, PrintStream out) {
    Language language = plan.language();
    out.println();
    out.println(
        language.pick("予定 ", "Schedule for ")
            + plan.date()
            + "  ("
            + language.pick("作成: ", "source: ")
            + response.source()
            + ")");
    out.println("  start  end    " + language.pick("タスク", "task"));
    for (Schedule.Slot slot : response.schedule()) {
      out.println("  " + slot.start() + "  " + slot.end() + "  " + slot.title());
    }
    if (!response.unscheduled().isEmpty()) {
      out.println(language.pick("入らなかったタスク:", "Not scheduled:"));
      for (Schedule.Unscheduled item : response.unscheduled()) {
        out.println("  - " + item.title() + ": " + item.reason());
      }
    }
    out.println(language.pick("メモ: ", "Note: ") + response.note());
    out.flush();
  }

  private record Arguments(Path tasks, String date, String language, boolean yes) {
    static Arguments parse(String[] args) {
      Path tasks = null;
      String date = null;
      String language = null;
      boolean yes = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        switch (name) {
          case "--tasks" -> tasks = Path.of(value(args, i, arg));
          case "--date" -> date = value(args, i, arg);
          case "--language" -> language = value(args, i, arg);
          case "--yes", "-y" -> yes = true;
          default -> {
            if (!(arg.startsWith("--") && arg.contains("=") && name.contains("."))) {
              throw new UsageException("unknown argument " + arg);
            }
            // --ollama.model=... and other Spring properties: read by Spring, not here.
          }
        }
        if (!arg.contains("=")
            && (name.equals("--tasks") || name.equals("--date") || name.equals("--language"))) {
          i++;
        }
      }
      if (tasks == null) {
        throw new UsageException("--tasks FILE.json is required");
      }
      return new Arguments(tasks, date, language, yes);
    }

    private static String value(String[] args, int i, String arg) {
      if (arg.contains("=")) {
        return arg.substring(arg.indexOf('=') + 1);
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new UsageException(arg + " needs a value");
      }
      return args[i + 1];
    }
  }

  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
