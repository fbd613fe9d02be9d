package io.github.ollamaclient;

import io.github.ollamaclient.internal.Transport;

/**
 * Reaches the client's package-private plumbing from tests in other packages, so production code
 * need not widen its visibility for them.
 */
public final class TestAccess {
  private TestAccess() {}

  /** The client's transport. */
  public static Transport transport(OllamaClient client) {
    return client.transport();
  }
}
