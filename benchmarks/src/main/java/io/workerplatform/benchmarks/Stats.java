package io.workerplatform.benchmarks;

import java.util.Arrays;
import java.util.Collection;

final class Stats {
  private Stats() {}

  /** The p-th percentile (0..100) of the values, nearest-rank. */
  static double percentile(Collection<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double perSecond(int count, long nanos) {
    return count / (nanos / 1e9);
  }

  static String fmt(double value) {
    return String.format("%.1f", value);
  }

  static double max(double... values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
