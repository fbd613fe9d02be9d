package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The routes about ollama.com: {@code GET /api/status}, {@code POST /api/me} and the web search
 * relay {@code POST /api/experimental/web_search|web_fetch}, answered from the fake's account and
 * cloud settings. Nothing leaves the machine: search results and pages are made up from the
 * request, the same request giving the same answer.
 */
final class CloudOps {
  private final FakeOllama fake;

  CloudOps(FakeOllama fake) {
    this.fake = fake;
  }

  void status(Answer answer) throws IOException {
    String disabledBy = fake.cloudDisabledBy();
    ObjectNode cloud = Wire.object();
    cloud.put("disabled", disabledBy != null);
    cloud.put("source", disabledBy == null ? "" : disabledBy);
    ObjectNode body = Wire.object();
    body.set("cloud", cloud);
    answer.json(200, body);
  }

  void me(Answer answer) throws IOException {
    FakeOllama.Account account = fake.account();
    if (account == null) {
      signinRequired(answer);
      return;
    }
    ObjectNode body = Wire.object();
    body.put("id", account.id());
    body.put("email", account.email());
    body.put("name", account.name());
    body.put("plan", account.plan());
    answer.json(200, body);
  }

  void webSearch(RecordedRequest request, Answer answer) throws IOException {
    JsonNode body = relayBody(request, answer, "web search");
    String query = body.path("query").asText("");
    if (query.isBlank()) {
      answer.error(400, "query is required");
      return;
    }
    int count = body.path("max_results").asInt(0);
    count = count <= 0 ? 5 : Math.min(count, 10);
    String slug = URLEncoder.encode(query, StandardCharsets.UTF_8);
    ArrayNode results = Wire.JSON.createArrayNode();
    for (int i = 1; i <= count; i++) {
      ObjectNode result = results.addObject();
      result.put("title", query + " - result " + i);
      result.put("url", "https://example.com/search/" + slug + "/" + i);
      result.put("content", "Result " + i + " of the fake web search for \"" + query + "\".");
    }
    ObjectNode answerBody = Wire.object();
    answerBody.set("results", results);
    answer.json(200, answerBody);
  }

  void webFetch(RecordedRequest request, Answer answer) throws IOException {
    JsonNode body = relayBody(request, answer, "web fetch");
    String url = body.path("url").asText("");
    if (url.isBlank()) {
      answer.error(400, "url is required");
      return;
    }
    ObjectNode page = Wire.object();
    page.put("title", "Fake page " + url);
    page.put("content", "The fake web fetch of " + url + ".");
    page.putArray("links").add("https://example.com/");
    answer.json(200, page);
  }

  /** The request body, once the cloud is on and the fake signed in: as the real relay checks. */
  private JsonNode relayBody(RecordedRequest request, Answer answer, String what)
      throws IOException {
    JsonNode body = OllamaHandler.requireBody(request, answer);
    if (fake.cloudDisabledBy() != null) {
      answer.error(403, what + " is unavailable: ollama cloud is disabled");
      throw new Answer.Done();
    }
    if (fake.account() == null) {
      signinRequired(answer);
      throw new Answer.Done();
    }
    return body;
  }

  /** The 401 of a server not signed in to ollama.com, with the URL that signs it in. */
  static void signinRequired(Answer answer) throws IOException {
    ObjectNode body = Wire.object();
    body.put("error", "unauthorized");
    body.put("signin_url", FakeOllama.SIGNIN_URL);
    answer.json(401, body);
  }
}
