package io.github.ollamaclient.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;

/**
 * An image for a multimodal model, sent as base64 in {@code images}.
 *
 * <pre>{@code
 * Image.of(bytes)   Image.fromPath(Path.of("cat.png"))   Image.fromBase64(dataUrlOrBase64)
 * }</pre>
 *
 * <p>{@link #toString()} never prints the image data.
 */
public final class Image {
  private final String base64;

  private Image(String base64) {
    this.base64 = base64;
  }

  /** An image from its raw bytes (PNG, JPEG, …). */
  public static Image of(byte[] bytes) {
    Objects.requireNonNull(bytes, "image bytes");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("image bytes must not be empty");
    }
    return new Image(Base64.getEncoder().encodeToString(bytes));
  }

  /**
   * An image read from a file now.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static Image fromPath(Path path) {
    Objects.requireNonNull(path, "image path");
    try {
      return of(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + path, e);
    }
  }

  /**
   * An image already in base64; a {@code data:image/png;base64,} prefix (a data URL) is removed,
   * since Ollama wants the bare base64.
   *
   * @throws IllegalArgumentException when the text is not valid base64
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Image fromBase64(String base64) {
    Objects.requireNonNull(base64, "image base64");
    String text = base64.strip();
    if (text.startsWith("data:")) {
      int comma = text.indexOf(',');
      if (comma < 0) {
        throw new IllegalArgumentException("image data URL has no ',' before its data");
      }
      text = text.substring(comma + 1);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("image base64 must not be empty");
    }
    try {
      Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("image is not valid base64: " + e.getMessage(), e);
    }
    return new Image(text);
  }

  /** The image's bytes. */
  public byte[] bytes() {
    return Base64.getDecoder().decode(base64);
  }

  /** The image as base64, as sent. */
  @JsonValue
  public String base64() {
    return base64;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Image that && base64.equals(that.base64);
  }

  @Override
  public int hashCode() {
    return base64.hashCode();
  }

  @Override
  public String toString() {
    return "Image[" + (base64.length() * 3 / 4) + " bytes]";
  }
}
