package io.github.ollamaclient.reliability;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nginx as a child process, with a configuration of its own in a directory of its own: a {@code
 * least_conn} balancer on a free loopback port in front of the given Ollama servers. {@link
 * #close()} stops it. A missing nginx fails the test that asks for it (CI installs it, see {@code
 * .ci/run}); it is never skipped.
 */
final class Nginx implements AutoCloseable {
  /** Where packages put nginx when their sbin directory is not on a user's PATH. */
  private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin");

  static final String HOW_TO_INSTALL =
      "Install it:\n"
          + "  Debian, Ubuntu: sudo apt-get install nginx   (.ci/run does this)\n"
          + "  Fedora:         sudo dnf install nginx\n"
          + "  macOS:          brew install nginx\n"
          + "  Windows:        the zip from https://nginx.org/en/download.html, nginx.exe on PATH\n"
          + "or point NGINX_BIN at the executable. Only the binary is used: the test starts it with"
          + " a configuration of its own, never the system's service.";

  private final Path dir;
  private final int port;
  private final Process process;

  private Nginx(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts nginx in {@code dir} in front of the servers on {@code upstreamPorts} (127.0.0.1). */
  static Nginx start(Path dir, List<Integer> upstreamPorts)
      throws IOException, InterruptedException {
    Path binary = binary();
    IOException last = null;
    // The free port is chosen before nginx binds it; another process may take it in between.
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Files.writeString(dir.resolve("nginx.conf"), config(dir, port, upstreamPorts));
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "-p",
                  dir.toString(),
                  "-c",
                  dir.resolve("nginx.conf").toString(),
                  "-e",
                  dir.resolve("error.log").toString(),
                  "-g",
                  "daemon off;")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      Nginx nginx = new Nginx(dir, port, process);
      try {
        nginx.awaitListening();
        return nginx;
      } catch (IOException e) {
        nginx.close();
        last = e;
      }
    }
    throw last;
  }

  /** The nginx binary, found in the process's environment. */
  static Path binary() {
    return binary(System.getenv());
  }

  /**
   * {@code NGINX_BIN} when set, else {@code nginx} on {@code PATH} or in an sbin directory; an
   * {@link AssertionError} (a failure, not a skip) saying what to install when there is none.
   */
  static Path binary(Map<String, String> env) {
    String set = env.get("NGINX_BIN");
    Stream<Path> candidates =
        set != null && !set.isBlank()
            ? Stream.of(Path.of(set))
            : Stream.concat(
                    Arrays.stream(env.getOrDefault("PATH", "").split(File.pathSeparator)),
                    SBIN.stream())
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of(Path.of(dir, "nginx"), Path.of(dir, "nginx.exe")));
    return candidates
        .filter(Files::isRegularFile)
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "The balancer test needs nginx; not found ("
                        + (set != null && !set.isBlank()
                            ? "NGINX_BIN=" + set + " is not an executable file"
                            : "looked for NGINX_BIN, then nginx on PATH and in " + SBIN)
                        + ").\n"
                        + HOW_TO_INSTALL));
  }

  /**
   * The configuration. A production one would add TLS, access control and logging to taste; the
   * upstream and proxy settings are the point and are meant to be copied.
   */
  static String config(Path dir, int port, List<Integer> upstreamPorts) {
    String servers =
        upstreamPorts.stream()
            .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=10s;\n")
            .collect(Collectors.joining());
    boolean root = "root".equals(System.getProperty("user.name"));
    return ("worker_processes 1;\n"
            // As root, nginx's workers would switch to "nobody", who cannot write in the test's
            // private temp directory; as anyone else the directive is not needed (nor allowed).
            + (root ? "user root;\n" : "")
            + "pid DIR/nginx.pid;\n"
            + "error_log DIR/error.log warn;\n"
            // 200 streams take about 400 (client and replica side) plus idle keep-alive ones; more
            // would exceed a non-root user's usual limit of 1024 open files and draw a warning.
            + "events { worker_connections 1024; }\n"
            + "http {\n"
            + "  log_format upstreams '$request_uri $status upstream=$upstream_addr"
            + " upstream_status=$upstream_status $request_time';\n"
            + "  access_log DIR/access.log upstreams;\n"
            + "  client_body_temp_path DIR/client_body;\n"
            + "  proxy_temp_path DIR/proxy;\n"
            + "  fastcgi_temp_path DIR/fastcgi;\n"
            + "  uwsgi_temp_path DIR/uwsgi;\n"
            + "  scgi_temp_path DIR/scgi;\n"
            + "\n"
            + "  upstream ollama {\n"
            // Each Ollama runs a few requests at a time (OLLAMA_NUM_PARALLEL): send the next one
            // where the fewest are running, not round robin, which ignores long streams.
            + "    least_conn;\n"
            + servers
            // Idle keep-alive connections to the replicas, per worker.
            + "    keepalive 32;\n"
            + "  }\n"
            + "\n"
            + "  server {\n"
            + "    listen 127.0.0.1:PORT;\n"
            // Streams: each chunk goes to the client as it comes; HTTP/1.1 with keep-alive
            // (no "Connection: close") to the replicas.
            + "    proxy_buffering off;\n"
            + "    proxy_http_version 1.1;\n"
            + "    proxy_set_header Connection \"\";\n"
            + "    proxy_set_header Host $host;\n"
            // Images and model blobs are large; the body is buffered whole (the default
            // proxy_request_buffering on), which is what lets nginx send it to another replica.
            + "    client_max_body_size 0;\n"
            + "    proxy_connect_timeout 2s;\n"
            // A model load sends nothing for minutes: as long as the client's read timeout.
            + "    proxy_read_timeout 600s;\n"
            + "    proxy_send_timeout 600s;\n"
            + "    proxy_next_upstream_tries 3;\n"
            + "\n"
            + "    location = /nginx_status { stub_status; }\n"
            + "\n"
            // Which failures go to the next replica. A failure passes a POST on only with
            // non_idempotent, and only before nginx has sent a byte of the answer to the client:
            // a stream that has started is never restarted elsewhere. For generation requests a
            // second attempt costs compute but changes nothing, and it is safe for what is
            // listed: `error` when connecting (nothing was sent; nginx passes these on even
            // without non_idempotent), 503 (Ollama's queue is full, OLLAMA_MAX_QUEUE: refused
            // before any work) and 502 (a replica behind its own proxy that could not reach it).
            // `error` and `timeout` also cover a replica that took the request and died, or stayed
            // silent for proxy_read_timeout, before its headers: the model may have worked, and
            // that work is done again; the client itself never retries those, but here no byte
            // had reached anyone, and the 600 s read timeout makes the second case rare.
            + "    location ~ ^/api/(chat|generate|embed|embeddings)$ {\n"
            + "      proxy_pass http://ollama;\n"
            + "      proxy_next_upstream error timeout http_502 http_503 non_idempotent;\n"
            + "    }\n"
            // Everything else: without non_idempotent, a POST is passed on only when it was never
            // sent (connect errors): pull, create, copy and delete are never run twice (a second
            // delete would answer 404 for a model the first one deleted).
            + "    location / {\n"
            + "      proxy_pass http://ollama;\n"
            + "      proxy_next_upstream error timeout http_502 http_503;\n"
            + "    }\n"
            + "  }\n"
            + "}\n")
        .replace("DIR", dir.toString())
        .replace("PORT", Integer.toString(port));
  }

  int port() {
    return port;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path accessLog() {
    return dir.resolve("access.log");
  }

  /** nginx's {@code stub_status} counters: active connections, reading, writing, waiting. */
  Status status() throws IOException {
    String body;
    // HTTP/1.0 on a socket of its own: nginx closes it after answering, so it never lingers.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "GET /nginx_status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      body = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
    Matcher active = Pattern.compile("Active connections: (\\d+)").matcher(body);
    Matcher rww = Pattern.compile("Reading: (\\d+) Writing: (\\d+) Waiting: (\\d+)").matcher(body);
    if (!active.find() || !rww.find()) {
      throw new IOException("unexpected stub_status answer: " + body);
    }
    return new Status(
        Integer.parseInt(active.group(1)),
        Integer.parseInt(rww.group(1)),
        Integer.parseInt(rww.group(2)),
        Integer.parseInt(rww.group(3)));
  }

  /** stub_status's counters; the request asking for them is one active, writing connection. */
  record Status(int active, int reading, int writing, int waiting) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "active %d (reading %d, writing %d, waiting %d)",
          active,
          reading,
          writing,
          waiting);
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited with " + process.exitValue() + ": " + output());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new IOException("nginx did not listen on " + port + " within 10 s: " + output());
  }

  /** What nginx wrote to its console and error log, for failure messages. */
  String output() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("stdout.log", "error.log")) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          text.append(name)
              .append(": ")
              .append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return text.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Fast shutdown (SIGTERM), then SIGKILL for nginx and its worker if it takes over 5 s. */
  @Override
  public void close() {
    List<ProcessHandle> workers = process.descendants().collect(Collectors.toList());
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly();
      }
    }
  }
}
