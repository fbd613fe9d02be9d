package io.github.ollamaclient.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal HTTP/1.1 server on loopback that answers with {@link Payloads}' pre-rendered responses,
 * so it costs one {@code write} per answer and never is the bottleneck. Connections are kept alive,
 * so each benchmark operation reuses one.
 *
 * <p>Routes: {@code POST /api/chat} asking {@link Payloads#STREAM_QUESTION} gets the 20,000-chunk
 * stream; any other chat the small answer, streamed when the body says {@code "stream":true} (as
 * the SDK's {@code chat()} does) and whole otherwise; {@code POST /api/embed} the answer added for
 * the model the body names ({@link #embedAnswer}), else the 256 vectors. Anything else is a 404
 * with Ollama's error shape.
 */
public final class PayloadServer implements AutoCloseable {
  private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM_QUESTION =
      Payloads.STREAM_QUESTION.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NOT_FOUND =
      ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json; charset=utf-8\r\n"
              + "Content-Length: 21\r\n\r\n{\"error\":\"not found\"}")
          .getBytes(StandardCharsets.US_ASCII);

  private final Payloads payloads;
  private final ServerSocket serverSocket;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, EmbedAnswer> embedAnswers = new ConcurrentHashMap<>();

  /** An added embed answer and the bytes that pick it: the model's field in a request body. */
  private record EmbedAnswer(byte[] modelField, byte[] response) {}

  private volatile boolean closed;

  private PayloadServer(Payloads payloads, ServerSocket serverSocket) {
    this.payloads = payloads;
    this.serverSocket = serverSocket;
  }

  /** Starts a server on a free loopback port. Close it to stop it. */
  public static PayloadServer start(Payloads payloads) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    PayloadServer server = new PayloadServer(payloads, socket);
    Thread acceptor = new Thread(server::acceptLoop, "payload-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return server;
  }

  /** The base URL to give a client, such as {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + serverSocket.getLocalPort();
  }

  /**
   * Answers {@code /api/embed} requests whose body names {@code model} with {@code response}, a
   * whole HTTP response such as {@link Payloads#embedResponse(String, int, int, int)} renders.
   */
  public void embedAnswer(String model, byte[] response) {
    byte[] field = ("\"model\":\"" + model + "\"").getBytes(StandardCharsets.UTF_8);
    embedAnswers.put(model, new EmbedAnswer(field, response));
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() throws IOException {
    closed = true;
    serverSocket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }

  /**
   * Runs a server for the cold-start mains: prints its base URL on the first line of standard
   * output, then serves until killed or for at most {@code args[0]} seconds (default 600), so a
   * forgotten server ends by itself.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
    try (PayloadServer server = start(Payloads.get())) {
      System.out.println(server.baseUrl());
      System.out.flush();
      Thread.sleep(seconds * 1000);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket connection;
      try {
        connection = serverSocket.accept();
      } catch (IOException e) {
        return;
      }
      connections.add(connection);
      Thread handler = new Thread(() -> serve(connection), "payload-server-connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
      OutputStream out = connection.getOutputStream();
      while (true) {
        String requestLine = readLine(in);
        if (requestLine == null) {
          return;
        }
        long contentLength = 0;
        boolean chunked = false;
        for (String header = readLine(in); header != null && !header.isEmpty(); ) {
          String lower = header.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            contentLength = Long.parseLong(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
            chunked = true;
          }
          header = readLine(in);
        }
        byte[] body = chunked ? readChunked(in) : in.readNBytes((int) contentLength);
        out.write(answer(requestLine, body));
        out.flush();
      }
    } catch (IOException e) {
      // The client went away; nothing to do for a benchmark server.
    } finally {
      connections.remove(connection);
    }
  }

  private byte[] answer(String requestLine, byte[] body) {
    String[] parts = requestLine.split(" ");
    String path = parts.length > 1 ? parts[1] : "";
    switch (path) {
      case "/api/chat":
        if (contains(body, STREAM_QUESTION)) {
          return payloads.chatStreamResponse();
        }
        return contains(body, STREAM_TRUE)
            ? payloads.smallChatStreamResponse()
            : payloads.smallChatResponse();
      case "/api/embed":
        for (EmbedAnswer answer : embedAnswers.values()) {
          if (contains(body, answer.modelField())) {
            return answer.response();
          }
        }
        return payloads.embedResponse();
      default:
        return NOT_FOUND;
    }
  }

  private static boolean contains(byte[] text, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= text.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (text[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new IOException("chunked body cut short");
      }
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        readLine(in); // the blank line after the last chunk (no trailers are sent)
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(size));
      readLine(in);
    }
  }

  /** One CRLF-terminated ASCII line without its terminator; null at end of input. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    return line.length() == 0 ? null : line.toString();
  }
}
