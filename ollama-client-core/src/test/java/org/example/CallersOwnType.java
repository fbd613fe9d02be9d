package org.example;

/**
 * A type of a caller's own, outside the client's packages, for tests of what {@code
 * OllamaJson.module()} leaves alone.
 *
 * @param name any text
 */
public record CallersOwnType(String name) {}
