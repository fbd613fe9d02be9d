package io.github.ollamaclient.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Local files sent as blobs: their digest and a request body that streams them. Model files are
 * gigabytes, so neither ever holds a whole file in memory.
 */
public final class FileUpload {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int BUFFER_BYTES = 64 * 1024;

  private FileUpload() {}

  /**
   * The file's digest as Ollama names blobs: {@code sha256:} and 64 lowercase hex digits.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static String sha256Digest(Path file) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha256.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " to compute its digest", e);
    }
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * A request body that streams the file from disk each time it is written (so OkHttp can retry
   * it), with its length known up front.
   *
   * @throws UncheckedIOException when the file's size cannot be read
   */
  public static RequestBody body(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return OCTET_STREAM;
      }

      @Override
      public long contentLength() {
        return size;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        try (Source source = Okio.source(file)) {
          sink.writeAll(source);
        }
      }
    };
  }
}
