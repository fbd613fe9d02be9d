/**
 * What generate and chat share: model {@link io.github.ollamaclient.inference.Options}, {@link
 * io.github.ollamaclient.inference.KeepAlive}, {@link io.github.ollamaclient.inference.Think},
 * {@link io.github.ollamaclient.inference.Format}, {@link io.github.ollamaclient.inference.Image},
 * and the statistics and log probabilities of an answer.
 */
package io.github.ollamaclient.inference;
