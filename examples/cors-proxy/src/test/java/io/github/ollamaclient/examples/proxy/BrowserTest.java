package io.github.ollamaclient.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ollamaclient.testkit.FakeOllama;
import io.github.ollamaclient.testkit.Fault;
import io.github.ollamaclient.testkit.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real thing: headless Chromium loads {@code examples/web} from one origin and asks the proxy,
 * on another port, with the fake Ollama behind it. A missing browser fails this test, saying what
 * to install ({@link Chromium}); {@code .ci/run} installs Debian's {@code chromium} and {@code
 * chromium-driver}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {
  private static Chromium chromium;
  private static final Path WEB = Path.of("..", "web");
  private static final String FAKE_NOTE = "No Ollama here: scripted answers, not a model's.";

  static final FakeOllama ollama = ProxyTestBase.SharedFake.INSTANCE;

  /** Serves the page from the origin the proxy allows. */
  private static final HttpServer allowedPage = pageServer();

  /** Serves the same page from an origin the proxy does not know. */
  private static final HttpServer otherPage = pageServer();

  private static volatile int proxyPort;
  private static Path profile;

  @LocalServerPort int port;

  private WebDriver browser;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ollama.base-url", ollama::baseUrl);
    registry.add("app.cors.allowed-origins", () -> origin(allowedPage));
  }

  @BeforeAll
  static void checkTheBrowserIsThere() throws IOException {
    chromium = Chromium.find(System.getenv());
    profile = Files.createTempDirectory("chromium-profile");
  }

  @AfterAll
  static void stopEverything() {
    allowedPage.stop(0);
    otherPage.stop(0);
  }

  @BeforeEach
  void openABrowser() throws IOException {
    proxyPort = port;
    ollama.reset();
    browser = browserIn(null);
  }

  /** A headless Chromium, in the time zone {@code zone} when not null (as the TZ variable sets). */
  private static WebDriver browserIn(String zone) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + Files.createTempDirectory(profile, "run"));
    // A driver process per test: quit() ends the browser and its driver together.
    ChromeDriverService.Builder service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromium.driver().toFile())
            .usingAnyFreePort();
    if (zone != null) {
      service.withEnvironment(Map.of("TZ", zone));
    }
    WebDriver driver = new ChromeDriver(service.build(), options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(10));
    return driver;
  }

  @Test
  void theDayToPlanIsTodayInTheBrowsersTimeZoneAndBothLanguagesAreOffered() throws IOException {
    // A zone whose date differs from UTC's now (UTC-11 before 10:00 UTC, UTC+14 from then), so
    // that a page showing the UTC date fails here.
    String zone =
        ZonedDateTime.now(ZoneOffset.UTC).getHour() < 10
            ? "Pacific/Pago_Pago"
            : "Pacific/Kiritimati";
    browser.quit();
    browser = browserIn(zone);

    browser.get(origin(allowedPage) + "/index.html");

    String shown = browser.findElement(By.id("date")).getAttribute("value");
    assertThat(shown).isEqualTo(LocalDate.now(ZoneId.of(zone)).toString());
    assertThat(shown).isNotEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(browser.findElement(By.id("language")).getText()).contains("日本語", "English");
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theStreamedAnswerAppearsInThePageAsItArrives() {
    String answer = "レイリー散乱のため、青い光が空いっぱいに散らばるからです。";
    ollama
        .model(ProxyController.DEFAULT_MODEL)
        .reply(Reply.text(answer).withTokenSize(4).withTokenDelay(Duration.ofMillis(120)));

    browser.get(origin(allowedPage) + "/index.html");
    browser.findElement(By.id("prompt")).sendKeys("空はなぜ青いのですか？");
    browser.findElement(By.id("ask-button")).click();

    WebElement shown = browser.findElement(By.id("answer"));
    List<String> seen = new ArrayList<>();
    new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(25))
        .until(
            page -> {
              String text = shown.getText();
              if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text)) {
                seen.add(text);
              }
              return page.findElement(By.id("ask-status")).getText().startsWith("Done");
            });

    assertThat(shown.getText()).isEqualTo(answer);
    // Seen partly written on the way: the page appended chunks as they came, not at the end.
    assertThat(seen)
        .anySatisfy(
            partial ->
                assertThat(partial)
                    .isNotEmpty()
                    .isNotEqualTo(answer)
                    .satisfies(p -> assertThat(answer).startsWith(p)));
    assertThat(Integer.parseInt(shown.getAttribute("data-chunks"))).isGreaterThan(5);
    assertThat(ollama.lastRequest().lastUserMessage()).isEqualTo("空はなぜ青いのですか？");
  }

  @Test
  void aPageFromAnotherOriginShowsTheCorsRefusalAndNothingReachesOllama() throws IOException {
    browser.get(origin(otherPage) + "/index.html");
    browser.findElement(By.id("prompt")).sendKeys("hello");
    browser.findElement(By.id("ask-button")).click();

    WebElement status = browser.findElement(By.id("ask-status"));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(page -> status.getText().contains("CORS"));

    assertThat(status.getText())
        .contains("does not allow this page's origin (" + origin(otherPage) + ")")
        .contains("app.cors.allowed-origins");
    // The README's Troubleshooting section quotes this message; "…" marks what varies.
    Matcher quoted =
        Pattern.compile("<!-- message: cors-refused -->\\s*```text\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("..", "..", "README.md")));
    assertThat(quoted.find()).as("the README quotes the CORS refusal").isTrue();
    int from = 0;
    for (String fragment : quoted.group(1).split("…")) {
      int at = status.getText().indexOf(fragment, from);
      assertThat(at).as("\"%s\" in order in: %s", fragment, status.getText()).isNotNegative();
      from = at + fragment.length();
    }
    assertThat(status.getAttribute("class")).contains("error");
    assertThat(browser.findElement(By.id("answer")).getText()).isEmpty();
    assertThat(ollama.requestCount()).isZero();
  }

  @Test
  void aMissingModelIsExplainedForWhoeverRunsOllamaAndTheFakeIsNamed() {
    ollama.failNext(
        Fault.status(
            404, "{\"error\": \"model '" + ProxyController.DEFAULT_MODEL + "' not found\"}"));

    browser.get(origin(allowedPage) + "/index.html");
    WebElement note = browser.findElement(By.id("ollama-note"));
    assertThat(note.isDisplayed()).isTrue();
    assertThat(note.getText()).isEqualTo(FAKE_NOTE);
    assertThat(note.getAttribute("class")).contains("fake");
    browser.findElement(By.id("prompt")).sendKeys("hello");
    browser.findElement(By.id("ask-button")).click();

    WebElement status = browser.findElement(By.id("ask-status"));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(page -> status.getAttribute("class").contains("error"));
    assertThat(status.getText())
        .startsWith("The model is missing: The model " + ProxyController.DEFAULT_MODEL)
        .contains("`ollama pull " + ProxyController.DEFAULT_MODEL + "`")
        .doesNotContain("client.pull");
  }

  @Test
  void withoutANoteInItsConfigThePageSaysNothingAboutWhichOllama() {
    browser.get(origin(otherPage) + "/index.html");

    assertThat(browser.findElement(By.id("ollama-note")).isDisplayed()).isFalse();
  }

  private static String origin(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A static file server for examples/web, with config.js pointing at the proxy under test. */
  private static HttpServer pageServer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", BrowserTest::serve);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the page server", e);
    }
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring(1);
      byte[] body;
      if (name.equals("config.js")) {
        // The allowed page's host says which Ollama answers, as RunExamples.java does.
        String which =
            exchange.getLocalAddress().getPort() == allowedPage.getAddress().getPort()
                ? ", ollama: {fake: true, note: \"" + FAKE_NOTE + "\"}"
                : "";
        body =
            ("window.APP_CONFIG = {proxyUrl: \"http://127.0.0.1:"
                    + proxyPort
                    + "\", scheduleUrl: \"http://127.0.0.1:1\""
                    + which
                    + "};")
                .getBytes(StandardCharsets.UTF_8);
      } else if (Map.of("index.html", 1, "app.js", 1, "style.css", 1).containsKey(name)) {
        body = Files.readAllBytes(WEB.resolve(name));
      } else {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".css")
                  ? "text/css; charset=utf-8"
                  : "text/javascript; charset=utf-8";
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
