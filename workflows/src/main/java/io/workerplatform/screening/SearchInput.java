package io.workerplatform.screening;

/**
 * The workflow's input: {@code {"screeningId":"..."}} to start; a continued run also carries the
 * previous run's state.
 */
public record SearchInput(String screeningId, Carry carry) {

  public static SearchInput start(String screeningId) {
    return new SearchInput(screeningId, null);
  }

  /** What one run hands to the next. */
  public record Carry(SearchPlan plan, SearchCounters counters, boolean paused, int run) {}
}
