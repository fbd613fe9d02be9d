package io.github.ollamaclient.models;

import io.github.ollamaclient.check.Checks;
import java.util.Objects;
import java.util.regex.Pattern;

/** The argument checks the model requests share, so every message is worded alike. */
final class ModelNames {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private ModelNames() {}

  /** A model name, rejected when {@code null} or blank, naming {@code field}. */
  static String requireName(String name, String field) {
    return Checks.requireText(name, field);
  }

  /** A blob digest {@code sha256:<64 lowercase hex>}, naming {@code field} when malformed. */
  static String requireDigest(String digest, String field) {
    Objects.requireNonNull(digest, field);
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be \"sha256:\" followed by 64 lowercase hex digits, was \""
              + digest
              + "\"");
    }
    return digest;
  }
}
