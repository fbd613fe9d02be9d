package io.github.ollamaclient.examples.schedule;

import static io.github.ollamaclient.examples.schedule.Fixtures.MODEL;
import static io.github.ollamaclient.examples.schedule.Fixtures.REQUEST_JA;
import static io.github.ollamaclient.examples.schedule.Fixtures.VALID_JA;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.PromptMatcher;
import io.github.ollamaclient.testkit.RecordedRequest;
import io.github.ollamaclient.testkit.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

class CommandLineTest {
  /** Starts without the model: the command line must offer to pull it. */
  @RegisterExtension final FakeOllama ollama = FakeOllama.create();

  @TempDir Path dir;

  Path tasks;
  final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @BeforeEach
  void arrange() throws IOException {
    tasks = Files.writeString(dir.resolve("tasks.json"), REQUEST_JA);
    // A rule for every model, so it also answers for the model once pulled.
    ollama.reply(PromptMatcher.contains("勤務時間"), Reply.json(VALID_JA));
  }

  private int run(String stdin, String... args) {
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--ollama.base-url=" + ollama.baseUrl();
    return ScheduleSuggesterApplication.runCommandLine(
        all,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private boolean pulled() {
    return ollama.requests().stream().map(RecordedRequest::path).anyMatch("/api/pull"::equals);
  }

  @Test
  void offersToPullTheMissingModelShowsProgressThenPrintsTheTable() {
    int code = run("y\n", "--tasks", tasks.toString());

    assertThat(code).isZero();
    assertThat(output())
        .contains("The model " + MODEL + " is not on the Ollama server at " + ollama.baseUrl())
        .contains("Pull it now? [y/N] ")
        .contains("pulling manifest")
        .containsPattern("\\rpulling [0-9a-f]{12} +\\[#{30}\\] 100%")
        .contains("success")
        .contains("予定 2026-11-25  (作成: model)")
        .contains("  09:00  10:30  資料作成")
        .contains("  10:30  11:00  メール返信")
        .contains("  11:00  12:00  コードレビュー")
        .contains("メモ: 午前中に集中して片付けましょう。");
    assertThat(ollama.hasModel(MODEL)).isTrue();
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/chat");
  }

  @Test
  void pullsWithoutAskingWithYes() {
    int code = run("", "--tasks", tasks.toString(), "--yes");

    assertThat(code).isZero();
    assertThat(output()).doesNotContain("[y/N]").contains("100%").contains("資料作成");
    assertThat(pulled()).isTrue();
  }

  @Test
  void doesNotPullWhenTheAnswerIsNo() {
    int code = run("\n", "--tasks", tasks.toString());

    assertThat(code).isEqualTo(1);
    assertThat(output()).contains("Not pulled. Pull it with: ollama pull " + MODEL);
    assertThat(pulled()).isFalse();
    assertThat(ollama.hasModel(MODEL)).isFalse();
  }

  @Test
  void readsATaskArrayWithOptionsAndAnswersInEnglish() throws IOException {
    ollama.model(MODEL);
    Path array =
        Files.writeString(
            dir.resolve("array.json"),
            """
            [{"title": "Write report", "minutes": 90, "priority": "high"},
             {"title": "Answer mail", "minutes": 30}]
            """);
    ollama.reply(
        PromptMatcher.contains("Working hours"),
        Reply.json(
            """
            {"schedule": [{"title": "Write report", "start": "09:00", "end": "10:30"},
                          {"title": "Answer mail", "start": "10:30", "end": "11:00"}],
             "unscheduled": [], "note": "Done by eleven."}
            """));

    int code = run("", "--tasks=" + array, "--date", "2026-12-01", "--language", "en");

    assertThat(code).isZero();
    assertThat(pulled()).isFalse();
    assertThat(output())
        .doesNotContain("Pull it now")
        .contains("Schedule for 2026-12-01  (source: model)")
        .contains("  09:00  10:30  Write report")
        .contains("Note: Done by eleven.");
    assertThat(ollama.lastRequest().lastUserMessage())
        .contains("Date: 2026-12-01", "Working hours: 09:00-18:00", "Breaks: 12:00-13:00");
  }

  @Test
  void reportsAnInvalidTasksFileNamingTheField() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"title\": \"x\", \"minutes\": 0}]");

    int code = run("", "--tasks", bad.toString());

    assertThat(code).isEqualTo(2);
    assertThat(output())
        .contains("error: in the tasks file, tasks[0].minutes must be greater than 0");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void holdsTheTasksFileToTheSameLimitsAsTheWebApi() {
    int code = run("", "--tasks", tasks.toString(), "--app.max-tasks=2");

    assertThat(code).isEqualTo(2);
    assertThat(output())
        .contains(
            "error: in the tasks file, tasks must hold at most 2 tasks (app.max-tasks), held 3");
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void sendsTheTokenCapAsNumPredict() {
    int code = run("", "--tasks", tasks.toString(), "--yes", "--app.max-num-predict=300");

    assertThat(code).isEqualTo(0);
    assertThat(ollama.lastRequest().path()).isEqualTo("/api/chat");
    assertThat(ollama.lastRequest().options().path("num_predict").asInt()).isEqualTo(300);
  }

  @Test
  void reportsAMissingTasksFileWithTheUsage() {
    int code = run("", "--tasks", dir.resolve("nope.json").toString());

    assertThat(code).isEqualTo(2);
    assertThat(output()).contains("does not exist").contains(CommandLine.USAGE);
  }

  @Test
  void writesSizesAsPeopleReadThem() {
    assertThat(CommandLine.size(512)).isEqualTo("512 B");
    assertThat(CommandLine.size(4_100)).isEqualTo("4.1 kB");
    assertThat(CommandLine.size(2_019_000_000L)).isEqualTo("2.0 GB");
  }

  @Test
  void startsNoWebServerInCommandLineMode() {
    assertThat(CommandLine.isCommandLine(new String[] {"--tasks", "t.json"})).isTrue();
    assertThat(CommandLine.isCommandLine(new String[] {"--server.port=9000"})).isFalse();
    try (ConfigurableApplicationContext context =
        ScheduleSuggesterApplication.commandLineContext(
            new String[] {"--tasks", "t.json", "--ollama.base-url=" + ollama.baseUrl()})) {
      assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
      assertThat(context.getBean(CommandLine.class)).isNotNull();
    }
  }

  @Test
  void printsUsageForHelpAndStartsNothing() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      for (String help : new String[] {"--help", "-h"}) {
        printed.reset();
        // A port of its own, so that a server started by mistake fails nothing but this test.
        ScheduleSuggesterApplication.main(
            new String[] {help, "--server.port=0", "--ollama.base-url=" + ollama.baseUrl()});

        assertThat(printed.toString(StandardCharsets.UTF_8))
            .as(help)
            .startsWith("usage:")
            .contains("java -jar schedule-suggester.jar [--server.port=8081]")
            .contains(CommandLine.USAGE.substring("usage: ".length()))
            .contains("app.max-body-size")
            .doesNotContain("Tomcat");
      }
    } finally {
      System.setOut(stdout);
    }
    assertThat(ollama.requestCount()).isZero();
  }
}
