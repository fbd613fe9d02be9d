package io.github.ollamaclient.internal;

/**
 * The client method behind a request path, as listeners and metrics name it. A fixed, small set, so
 * it is safe as a metric tag.
 */
final class Operations {
  private Operations() {}

  static String of(String method, String path) {
    if (path.startsWith("/api/blobs/")) {
      return method.equals("HEAD") ? "blobExists" : "createBlob";
    }
    switch (path) {
      case "/":
        return "isRunning";
      case "/api/chat":
        return "chat";
      case "/api/generate":
        return "generate";
      case "/api/embed":
        return "embed";
      case "/api/embeddings":
        return "embeddings";
      case "/api/tags":
        return "list";
      case "/api/show":
        return "show";
      case "/api/ps":
        return "ps";
      case "/api/version":
        return "version";
      case "/api/pull":
        return "pull";
      case "/api/push":
        return "push";
      case "/api/create":
        return "create";
      case "/api/copy":
        return "copy";
      case "/api/delete":
        return "delete";
      case "/api/web_search":
        return "webSearch";
      case "/api/web_fetch":
        return "webFetch";
      default:
        return "other";
    }
  }
}
