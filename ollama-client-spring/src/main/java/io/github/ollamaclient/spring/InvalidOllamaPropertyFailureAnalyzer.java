package io.github.ollamaclient.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidOllamaPropertyException} into Spring Boot's "APPLICATION FAILED TO START"
 * report, naming the property and what to change, instead of a bean-creation stack trace.
 */
class InvalidOllamaPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidOllamaPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidOllamaPropertyException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
