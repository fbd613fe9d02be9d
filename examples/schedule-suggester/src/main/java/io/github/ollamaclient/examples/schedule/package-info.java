/**
 * Schedule suggester: asks a local model (through ollama-client's structured output) to lay out a
 * day's tasks, checks the answer in code, retries once with the problems fed back, and falls back
 * to a deterministic scheduler, so it never returns an invalid schedule.
 *
 * <p>Two modes: a web API ({@code POST /api/suggest-schedule} on port 8081) and a command line
 * ({@code java -jar schedule-suggester.jar --tasks tasks.json}) that prints a table.
 */
package io.github.ollamaclient.examples.schedule;
