/**
 * The argument checks the request builders share, so each rule has one wording. A leaf, like {@code
 * internal.json}. Not part of the public API.
 */
package io.github.ollamaclient.internal.check;
