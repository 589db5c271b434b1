package io.workerplatform.email;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What a capability adds to the data that email templates render, from its own tables: the
 * petitions capability adds a petition's title when the message's context names one, the
 * notifications capability a member's digest lines. Found as beans; the email capability names no
 * other capability's table.
 *
 * <p>A part is prepared once per message, or once for a whole bulk-send page, so that the page's
 * recipients share one lookup.
 */
public interface TemplateData {
  /**
   * This capability's part of the messages of {@code template} in organization {@code orgId} with
   * {@code context} (the ids the sender passed: {@code petitionId}, {@code window}, ...).
   */
  Part prepare(String orgId, String template, Map<String, String> context);

  /** A capability's part of a message's data, or why the message can never be sent. */
  interface Part {
    /** Why no message of this context can be sent (an id in it names nothing of the organization). */
    Optional<String> problem();

    /** Adds this part's data for one recipient; called after every refusal was checked. */
    void addTo(Recipient recipient, Map<String, Object> data);

    /** Nothing to add. */
    static Part none() {
      return adding((recipient, data) -> {});
    }

    /** A part that adds {@code add}'s data. */
    static Part adding(BiConsumer<Recipient, Map<String, Object>> add) {
      return new Part() {
        @Override
        public Optional<String> problem() {
          return Optional.empty();
        }

        @Override
        public void addTo(Recipient recipient, Map<String, Object> data) {
          add.accept(recipient, data);
        }
      };
    }

    /** A context that names something the organization does not have. */
    static Part problem(String why) {
      return new Part() {
        @Override
        public Optional<String> problem() {
          return Optional.of(why);
        }

        @Override
        public void addTo(Recipient recipient, Map<String, Object> data) {}
      };
    }
  }
}
