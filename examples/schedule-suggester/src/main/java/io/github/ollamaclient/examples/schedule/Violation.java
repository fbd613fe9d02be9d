package io.github.ollamaclient.examples.schedule;

/**
 * One rule a proposed schedule breaks, worded in both languages so it can be fed back to the model
 * in the language of the conversation.
 *
 * @param japanese the problem in Japanese
 * @param english the problem in English
 */
public record Violation(String japanese, String english) {
  /** The problem in {@code language}. */
  public String text(Language language) {
    return language.pick(japanese, english);
  }

  @Override
  public String toString() {
    return english;
  }
}
