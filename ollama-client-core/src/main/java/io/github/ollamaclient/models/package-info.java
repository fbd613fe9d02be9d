/**
 * Model management: what is installed ({@link io.github.ollamaclient.models.ModelSummary}), what a
 * model is ({@link io.github.ollamaclient.models.ShowResponse}), what is loaded ({@link
 * io.github.ollamaclient.models.RunningModel}), and the requests that pull, push and create models
 * ({@link io.github.ollamaclient.models.PullRequest}, {@link
 * io.github.ollamaclient.models.PushRequest}, {@link io.github.ollamaclient.models.CreateRequest}),
 * whose progress streams as {@link io.github.ollamaclient.models.ProgressResponse}s.
 *
 * <pre>{@code
 * try (ResponseStream<ProgressResponse> pull = client.pull("llama3.2")) {
 *   for (ProgressResponse p : pull) {
 *     System.out.println(p.status() + " " + p.fraction().orElse(0));
 *   }
 * }
 * for (ModelSummary m : client.list()) {
 *   System.out.println(m.name() + " " + m.size() + " bytes");
 * }
 * }</pre>
 */
package io.github.ollamaclient.models;
