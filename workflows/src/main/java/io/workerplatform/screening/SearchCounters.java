package io.workerplatform.screening;

/** Profiles screened so far: {@code withHits} and {@code failed} are among {@code screened}. */
public record SearchCounters(int screened, int withHits, int failed) {
  public static final SearchCounters ZERO = new SearchCounters(0, 0, 0);

  public SearchCounters plus(SearchCounters other) {
    return new SearchCounters(screened + other.screened, withHits + other.withHits, failed + other.failed);
  }
}
