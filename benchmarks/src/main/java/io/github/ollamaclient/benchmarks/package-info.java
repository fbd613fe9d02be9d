/**
 * JMH benchmarks of ollama-client beside plain OkHttp (and OkHttp + Jackson) floors measured in the
 * same run, against a local {@link io.github.ollamaclient.benchmarks.PayloadServer} of pre-rendered
 * Ollama answers; the cold-start mains; and {@link io.github.ollamaclient.benchmarks.Report}, which
 * writes {@code docs/benchmarks.md}. Run them with {@code benchmarks/run.sh}.
 */
package io.github.ollamaclient.benchmarks;
