package io.github.ollamaclient.internal;

import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.generate.GenerateRequest;
import io.github.ollamaclient.inference.Options;
import io.github.ollamaclient.models.RunningModel;
import io.github.ollamaclient.observe.CallEvent;
import io.github.ollamaclient.observe.CallHandle;
import io.github.ollamaclient.observe.CallStart;
import io.github.ollamaclient.observe.OllamaListener;
import io.github.ollamaclient.observe.PromptTruncation;
import io.github.ollamaclient.observe.TruncationCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches chat and generate answers for prompts that filled the context window: the client's
 * listener, wrapped. A call's {@code prompt_eval_count} is compared with the request's {@code
 * num_ctx}, else with the context length of the loaded model as {@code /api/ps} last gave it; a
 * match goes to the application's listener and, once per model, to the log at WARN.
 *
 * <p>Calls that cannot be checked (no length known, {@link TruncationCheck#KNOWN_LENGTHS}, and no
 * listener of the application's) are not observed at all, so that they cost what they did before.
 */
public final class PromptTruncations implements OllamaListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.ollamaclient");

  /** How long a context length from {@code /api/ps} is trusted: Ollama's default keep-alive. */
  static final long TTL_NANOS = 5L * 60 * 1_000_000_000;

  /**
   * The smallest prompt that makes {@link TruncationCheck#LOOKUP} ask {@code /api/ps}: Ollama loads
   * no model with less context unless a {@code num_ctx} says so, so shorter prompts need no look.
   */
  static final int MIN_LOOKUP_PROMPT = 1024;

  /** The most models whose length, or whose warning, is remembered. */
  static final int MAX_MODELS = 256;

  private final OllamaListener delegate;
  private final TruncationCheck check;
  private final Map<String, Length> lengths = lru();
  private final Map<String, Boolean> warned = lru();
  private volatile Supplier<List<RunningModel>> lookup;

  private record Length(int tokens, long expiresAtNanos) {}

  private PromptTruncations(OllamaListener delegate, TruncationCheck check) {
    this.delegate = delegate;
    this.check = check;
  }

  /**
   * The listener the client's calls report to: {@code listener} itself when the check is off, else
   * a watch that hands every event on to it.
   */
  public static OllamaListener watch(OllamaListener listener, TruncationCheck check) {
    return check == TruncationCheck.OFF ? listener : new PromptTruncations(listener, check);
  }

  /**
   * Where {@link TruncationCheck#LOOKUP} asks for the loaded models: the client's {@code ps()},
   * given once the client exists (it is built around this listener).
   */
  public void lookUpWith(Supplier<List<RunningModel>> ps) {
    this.lookup = ps;
  }

  /** Learns the context lengths of the loaded models from an answer of {@code /api/ps}. */
  public void learn(List<RunningModel> models) {
    long expires = System.nanoTime() + TTL_NANOS;
    synchronized (lengths) {
      for (RunningModel model : models) {
        if (model.contextLength().isPresent()) {
          Length length = new Length(model.contextLength().getAsInt(), expires);
          lengths.put(canonical(model.name()), length);
          lengths.put(canonical(model.model()), length);
        }
      }
    }
  }

  @Override
  public CallHandle onCallStarted(CallStart start) {
    CallHandle handle =
        delegate == OllamaListener.NONE ? CallHandle.NONE : delegate.onCallStarted(start);
    boolean inference = start.operation().equals("chat") || start.operation().equals("generate");
    if (!inference || start.model().isEmpty()) {
      return handle;
    }
    OptionalInt numCtx = numCtx(start.request());
    if (numCtx.isEmpty()
        && check == TruncationCheck.KNOWN_LENGTHS
        && handle == CallHandle.NONE
        && lengthOf(start.model().get(), 0).isEmpty()) {
      return CallHandle.NONE;
    }
    return event -> {
      handle.onCallFinished(event);
      check(start, numCtx, event);
    };
  }

  @Override
  public void onCallFinished(CallEvent event) {
    // Reached only when the application's onCallStarted threw: the client then reports here.
    delegate.onCallFinished(event);
  }

  @Override
  public void onPromptTruncated(PromptTruncation truncation) {
    delegate.onPromptTruncated(truncation);
  }

  private void check(CallStart start, OptionalInt numCtx, CallEvent event) {
    if (event.outcome() != CallEvent.Outcome.SUCCESS || event.metrics().isEmpty()) {
      return;
    }
    int prompt = event.metrics().get().promptEvalCount();
    String model = start.model().get();
    if (prompt <= 0) {
      return;
    }
    OptionalInt context = numCtx.isPresent() ? numCtx : lengthOf(model, prompt);
    if (context.isEmpty() || context.getAsInt() <= 0 || prompt < context.getAsInt()) {
      return;
    }
    PromptTruncation truncation =
        new PromptTruncation(start.operation(), model, prompt, context.getAsInt());
    if (firstWarning(model)) {
      LOG.warn(
          "The prompt of a {} call to {} filled its context window ({} of {} tokens): Ollama"
              + " likely cut it and the model answered without its start. Raise num_ctx or send"
              + " less; this is logged once per model.",
          start.operation(),
          model,
          prompt,
          context.getAsInt());
    }
    try {
      delegate.onPromptTruncated(truncation);
    } catch (RuntimeException e) {
      LOG.warn("OllamaListener failed on a prompt truncation; ignored", e);
    }
  }

  /** The context length of {@code model}, asked for only for a prompt that long in LOOKUP. */
  private OptionalInt lengthOf(String model, int prompt) {
    Length length = cached(model);
    Supplier<List<RunningModel>> ps = lookup;
    if (length == null
        && check == TruncationCheck.LOOKUP
        && ps != null
        && prompt >= MIN_LOOKUP_PROMPT) {
      try {
        // The client's ps() learns the lengths of every loaded model as it answers.
        ps.get();
      } catch (RuntimeException e) {
        LOG.debug("Could not ask /api/ps for the context length of {}: {}", model, e.toString());
      }
      length = cached(model);
      if (length == null) {
        // Not loaded, or /api/ps failed: remember the miss, so that /api/ps is not asked each call.
        length = new Length(0, System.nanoTime() + TTL_NANOS);
        synchronized (lengths) {
          lengths.put(canonical(model), length);
        }
      }
    }
    return length == null || length.tokens() <= 0
        ? OptionalInt.empty()
        : OptionalInt.of(length.tokens());
  }

  /** What is remembered of {@code model}, a miss included; null when nothing or expired. */
  private Length cached(String model) {
    synchronized (lengths) {
      Length length = lengths.get(canonical(model));
      return length == null || length.expiresAtNanos() - System.nanoTime() < 0 ? null : length;
    }
  }

  private boolean firstWarning(String model) {
    synchronized (warned) {
      return warned.put(canonical(model), Boolean.TRUE) == null;
    }
  }

  /** {@code num_ctx} of a chat or generate request's options, when set to a number. */
  private static OptionalInt numCtx(Optional<Object> request) {
    Optional<Options> options = Optional.empty();
    if (request.isPresent() && request.get() instanceof ChatRequest chat) {
      options = chat.options();
    } else if (request.isPresent() && request.get() instanceof GenerateRequest generate) {
      options = generate.options();
    }
    return options
        .flatMap(o -> o.get("num_ctx"))
        .filter(Number.class::isInstance)
        .map(n -> OptionalInt.of(((Number) n).intValue()))
        .orElse(OptionalInt.empty());
  }

  /** A model's name as {@code /api/ps} lists it: {@code llama3.2} is {@code llama3.2:latest}. */
  static String canonical(String name) {
    int slash = name.lastIndexOf('/');
    return name.indexOf(':', slash + 1) < 0 ? name + ":latest" : name;
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_MODELS;
      }
    };
  }
}
