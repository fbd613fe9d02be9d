/**
 * The argument checks the request builders share, so each rule has one wording. A leaf, like {@code
 * json}. Not part of the public API: the module does not export it, and it may change in any
 * release.
 */
package io.github.ollamaclient.check;
