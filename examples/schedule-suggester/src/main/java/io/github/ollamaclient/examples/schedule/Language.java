package io.github.ollamaclient.examples.schedule;

import java.util.Locale;
import java.util.Optional;

/** The language of the prompts, the note and the reasons: Japanese by default. */
public enum Language {
  /** Japanese, the default: the default model is a Japanese-tuned Gemma 2. */
  JA,
  /** English, when the request says {@code "language": "en"}. */
  EN;

  /** The JSON value: {@code ja} or {@code en}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code ja} or {@code en}, ignoring case; empty when unknown. */
  public static Optional<Language> fromWire(String text) {
    for (Language language : values()) {
      if (language.wire().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /** Picks the text for this language. */
  public String pick(String japanese, String english) {
    return this == JA ? japanese : english;
  }
}
