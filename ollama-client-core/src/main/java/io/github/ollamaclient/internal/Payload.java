package io.github.ollamaclient.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaclient.inference.KeepAlive;
import io.github.ollamaclient.json.Json;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * What a call sends: nothing, a JSON value, a request object with the fields the client adds to it
 * ({@code stream}, and the client's default {@code keep_alive} when the request set none), or raw
 * bytes. JSON is written once per call, in one pass, however often the call is tried.
 */
public abstract sealed class Payload {
  static final MediaType JSON = MediaType.get("application/json");

  /** No body. */
  public static final Payload NONE = new Raw(null);

  /**
   * An empty body, for a POST that carries nothing, as Ollama's own client sends {@code /api/me}.
   */
  public static final Payload EMPTY = new Raw(RequestBody.create(new byte[0], null));

  private Payload() {}

  /** {@code value} (a request record, a map, a tree) written as JSON, as it is. */
  public static Payload json(Object value) {
    return new JsonPayload(value, null, false, false);
  }

  /**
   * A request object with {@code stream} set, and the client's default {@code keep_alive} when
   * {@code takesDefaultKeepAlive} (the request loads a model and set none itself).
   */
  public static Payload request(Object request, boolean stream, boolean takesDefaultKeepAlive) {
    return new JsonPayload(request, stream, takesDefaultKeepAlive, true);
  }

  /**
   * A request of an endpoint without a stream flag ({@code /api/embed}), with the client's default
   * {@code keep_alive} when {@code takesDefaultKeepAlive}.
   */
  public static Payload unstreamed(Object request, boolean takesDefaultKeepAlive) {
    return new JsonPayload(request, null, takesDefaultKeepAlive, true);
  }

  /** Bytes sent as they are, such as a blob upload. */
  public static Payload raw(RequestBody body) {
    return new Raw(body);
  }

  /**
   * The HTTP body; null for none.
   *
   * @param defaultKeepAlive the client's default {@code keep_alive}; null for none
   */
  public abstract RequestBody encode(KeepAlive defaultKeepAlive);

  /**
   * The request object this payload sends, for listeners: one of the client's request types, never
   * a tree the client built for the call itself (load, show, copy…) nor raw bytes.
   */
  public Optional<Object> request() {
    return Optional.empty();
  }

  private static final class Raw extends Payload {
    private final RequestBody body;

    Raw(RequestBody body) {
      this.body = body;
    }

    @Override
    public RequestBody encode(KeepAlive defaultKeepAlive) {
      return body;
    }
  }

  private static final class JsonPayload extends Payload {
    private final Object value;
    private final Boolean stream;
    private final boolean takesDefaultKeepAlive;
    private final boolean isRequest;

    JsonPayload(Object value, Boolean stream, boolean takesDefaultKeepAlive, boolean isRequest) {
      this.value = value;
      this.stream = stream;
      this.takesDefaultKeepAlive = takesDefaultKeepAlive;
      this.isRequest = isRequest;
    }

    @Override
    public RequestBody encode(KeepAlive defaultKeepAlive) {
      KeepAlive keepAlive = takesDefaultKeepAlive ? defaultKeepAlive : null;
      Object written = value;
      if (value instanceof ObjectNode node) {
        // A tree the client built for this call alone (load, unload): the fields go straight in.
        if (stream != null) {
          node.put("stream", stream.booleanValue());
        }
        if (keepAlive != null && !node.has("keep_alive")) {
          node.set("keep_alive", Json.toTree(keepAlive));
        }
      } else if (stream != null || keepAlive != null) {
        written = new Envelope(value, stream, keepAlive);
      }
      return RequestBody.create(Json.toBytes(written), JSON);
    }

    @Override
    public Optional<Object> request() {
      // load and unload send a tree of their own through request(): not the caller's request.
      return isRequest && !(value instanceof JsonNode) ? Optional.of(value) : Optional.empty();
    }
  }

  /**
   * A request's own fields followed by those the client adds, written by Jackson in one pass: no
   * tree, no second serialisation. Absent (null) fields are left out, as everywhere.
   */
  private record Envelope(
      @JsonUnwrapped Object request,
      @JsonProperty("stream") Boolean stream,
      @JsonProperty("keep_alive") KeepAlive keepAlive) {}
}
