/**
 * Transport, JSON and streaming plumbing shared by the endpoint packages. Not part of the public
 * API: it may change in any release.
 */
package io.github.ollamaclient.internal;
