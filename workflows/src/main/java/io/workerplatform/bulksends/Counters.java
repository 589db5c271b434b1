package io.workerplatform.bulksends;

/** How many recipients ended in each way so far. */
public record Counters(int sent, int skipped, int suppressed, int failed) {
  public static final Counters ZERO = new Counters(0, 0, 0, 0);

  public Counters plus(Counters other) {
    return new Counters(
        sent + other.sent, skipped + other.skipped, suppressed + other.suppressed, failed + other.failed);
  }

  public int done() {
    return sent + skipped + suppressed + failed;
  }
}
