/**
 * Streamed answers: {@link io.github.ollamaclient.stream.ResponseStream}, returned by {@code
 * chatStream}, {@code generateStream}, {@code pull}, {@code push} and {@code create}.
 */
package io.github.ollamaclient.stream;
