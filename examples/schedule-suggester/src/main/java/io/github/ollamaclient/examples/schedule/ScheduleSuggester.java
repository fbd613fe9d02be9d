package io.github.ollamaclient.examples.schedule;

import io.github.ollamaclient.OllamaClient;
import io.github.ollamaclient.chat.ChatRequest;
import io.github.ollamaclient.chat.ChatResponse;
import io.github.ollamaclient.chat.Message;
import io.github.ollamaclient.error.OllamaProtocolException;
import io.github.ollamaclient.inference.Format;
import io.github.ollamaclient.inference.Options;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model for a schedule with structured output, checks the answer, retries once with the
 * problems fed back, and otherwise falls back to {@link GreedyScheduler}. Never returns a schedule
 * that {@link ScheduleValidator} rejects.
 *
 * <p>Connection failures and a missing model are not hidden behind the fallback: they reach the
 * caller as {@link io.github.ollamaclient.error.OllamaConnectionException} and {@link
 * io.github.ollamaclient.error.ModelNotFoundException}, so the user learns to start Ollama or pull
 * the model.
 */
public class ScheduleSuggester {
  private static final Logger log = LoggerFactory.getLogger(ScheduleSuggester.class);

  /** The JSON Schema sent as {@code format}, derived once from the answer record. */
  static final Format FORMAT = Format.of(Schedule.class);

  private final OllamaClient client;
  private final String model;
  private final int maxNumPredict;

  /**
   * Creates the suggester, letting the model generate at most {@code app.max-num-predict}'s default
   * of tokens per call.
   *
   * @param client the client, shared and closed by its owner
   * @param model the model to ask, such as {@code 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0}
   */
  public ScheduleSuggester(OllamaClient client, String model) {
    this(client, model, SuggesterProperties.DEFAULTS.maxNumPredict());
  }

  /**
   * Creates the suggester.
   *
   * @param client the client, shared and closed by its owner
   * @param model the model to ask, such as {@code 7shi/ezo-gemma-2-jpn:2b-instruct-q8_0}
   * @param maxNumPredict the most tokens the model may generate per call ({@code
   *     app.max-num-predict}), sent as {@code num_predict}
   */
  public ScheduleSuggester(OllamaClient client, String model, int maxNumPredict) {
    this.client = Objects.requireNonNull(client, "client");
    this.model = Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank (set ollama.model)");
    }
    if (maxNumPredict < 1) {
      throw new IllegalArgumentException(
          "maxNumPredict must be at least 1 (app.max-num-predict), was " + maxNumPredict);
    }
    this.maxNumPredict = maxNumPredict;
  }

  /** The model this suggester asks. */
  public String model() {
    return model;
  }

  /** Suggests a valid schedule for {@code plan}. */
  public ScheduleResponse suggest(DayPlan plan) {
    Language language = plan.language();
    List<Message> conversation = new ArrayList<>();
    conversation.add(Message.system(Prompts.system(language)));
    conversation.add(Message.user(Prompts.day(plan)));

    Attempt first = ask(conversation);
    if (first.proposal() == null) {
      return fallback(plan, malformedNote(language));
    }
    List<Violation> violations = ScheduleValidator.check(plan, first.proposal());
    if (violations.isEmpty()) {
      return answer(plan, first.proposal(), ScheduleResponse.SOURCE_MODEL);
    }
    log.debug("first answer broke {} rule(s): {}", violations.size(), violations);

    conversation.add(Message.assistant(first.content()));
    conversation.add(Message.user(Prompts.retry(violations, language)));
    Attempt second = ask(conversation);
    if (second.proposal() == null) {
      return fallback(plan, malformedNote(language));
    }
    List<Violation> again = ScheduleValidator.check(plan, second.proposal());
    if (again.isEmpty()) {
      return answer(plan, second.proposal(), ScheduleResponse.SOURCE_RETRY);
    }
    log.debug("retried answer broke {} rule(s): {}", again.size(), again);
    return fallback(
        plan,
        language.pick(
            "モデルの回答が二度とも条件を満たさなかったため（"
                + again.size()
                + " 件、例: "
                + again.get(0).text(language)
                + "）、組み込みのスケジューラで作成しました。",
            "Made by the built-in scheduler: the model's answer broke the rules twice ("
                + again.size()
                + (again.size() == 1 ? " problem" : " problems")
                + ", such as: "
                + again.get(0).text(language)
                + ")."));
  }

  private Attempt ask(List<Message> conversation) {
    ChatResponse reply =
        client.chat(
            ChatRequest.builder(model)
                .messages(conversation)
                .format(FORMAT)
                // Low temperature: the answer must follow rules, not be creative. num_predict
                // always: Ollama's default generates until the model stops or the context is
                // full, and a small model stuck repeating itself would hold the GPU that long.
                .options(Options.builder().temperature(0.1).numPredict(maxNumPredict).build())
                .build());
    String content = reply.message().content();
    if (reply.doneReason().filter("length"::equals).isPresent()) {
      // Cut off at num_predict: the JSON is most likely unfinished, and read as malformed below.
      log.debug("the answer stopped at app.max-num-predict ({} tokens)", maxNumPredict);
    }
    try {
      return new Attempt(content, reply.message().contentAs(Schedule.class));
    } catch (OllamaProtocolException e) {
      log.debug("the model's answer is not a schedule: {}", e.getMessage());
      return new Attempt(content, null);
    }
  }

  private static String malformedNote(Language language) {
    return language.pick(
        "モデルの回答が正しい JSON ではなかったため、組み込みのスケジューラで作成しました。",
        "Made by the built-in scheduler: the model's answer was not valid schedule JSON.");
  }

  private static ScheduleResponse answer(DayPlan plan, Schedule proposal, String source) {
    List<Schedule.Slot> slots = new ArrayList<>();
    for (Schedule.Slot slot : proposal.schedule()) {
      // Valid, so the times parse; written back as HH:mm and in time order.
      slots.add(
          new Schedule.Slot(
              slot.title(),
              TimeRange.format(TimeRange.parse(slot.start()).orElseThrow()),
              TimeRange.format(TimeRange.parse(slot.end()).orElseThrow())));
    }
    slots.sort(Comparator.comparing(Schedule.Slot::start));
    List<Schedule.Unscheduled> unscheduled = new ArrayList<>();
    for (Schedule.Unscheduled item : proposal.unscheduled()) {
      String reason =
          item.reason().isBlank()
              ? plan.language().pick("空き時間に入りません", "does not fit in the free time")
              : item.reason();
      unscheduled.add(new Schedule.Unscheduled(item.title(), reason));
    }
    String note = proposal.note().isBlank() ? defaultNote(plan, slots.size()) : proposal.note();
    return new ScheduleResponse(slots, unscheduled, note, source);
  }

  private static ScheduleResponse fallback(DayPlan plan, String note) {
    Schedule schedule = GreedyScheduler.plan(plan, note);
    return new ScheduleResponse(
        schedule.schedule(), schedule.unscheduled(), note, ScheduleResponse.SOURCE_FALLBACK);
  }

  private static String defaultNote(DayPlan plan, int placed) {
    return plan.language()
        .pick(placed + " 件のタスクを配置しました。", placed + " task" + (placed == 1 ? "" : "s") + " placed.");
  }

  private record Attempt(String content, Schedule proposal) {}
}
