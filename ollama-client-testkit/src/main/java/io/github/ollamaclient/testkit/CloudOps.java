package io.github.ollamaclient.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The routes about ollama.com: {@code GET /api/status}, {@code POST /api/me}, the web search relay
 * {@code POST /api/experimental/web_search|web_fetch} and {@code GET
 * /api/experimental/model-recommendations}, answered from the fake's account and cloud settings.
 * Nothing leaves the machine: search results and pages are made up from the request, the same
 * request giving the same answer.
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

  /**
   * The list Ollama 0.33 serves when it has none fresher from ollama.com (its built-in {@code
   * defaultModelRecommendations}, in its order), which is what a server without network or with the
   * cloud turned off answers: the route needs no sign-in.
   */
  void modelRecommendations(Answer answer) throws IOException {
    ObjectNode body = Wire.object();
    ArrayNode list = body.putArray("recommendations");
    cloudRecommendation(
        list,
        "kimi-k2.6:cloud",
        "State-of-the-art coding, long-horizon execution, and multimodal agent swarm capability",
        262_144,
        262_144);
    cloudRecommendation(list, "glm-5.1:cloud", "Reasoning and code generation", 202_752, 131_072);
    cloudRecommendation(
        list,
        "qwen3.5:cloud",
        "Reasoning, coding, and agentic tool use with vision",
        262_144,
        32_768);
    cloudRecommendation(
        list,
        "minimax-m2.7:cloud",
        "Fast, efficient coding and real-world productivity",
        204_800,
        128_000);
    // format.GigaByte is 1000^3.
    list.addObject()
        .put("model", "gemma4")
        .put("description", "Reasoning and code generation locally")
        .put("vram_bytes", 12_000_000_000L);
    list.addObject()
        .put("model", "qwen3.5")
        .put("description", "Reasoning, coding, and visual understanding locally")
        .put("vram_bytes", 14_000_000_000L);
    answer.json(200, body);
  }

  private static void cloudRecommendation(
      ArrayNode list, String model, String description, int contextLength, int maxOutputTokens) {
    list.addObject()
        .put("model", model)
        .put("description", description)
        .put("context_length", contextLength)
        .put("max_output_tokens", maxOutputTokens);
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
