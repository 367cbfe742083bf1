package dev.sessionkit.benchmarks.db;

import java.util.Arrays;

/**
 * Latencies recorded by one thread (no sharing while recording), merged afterwards and read as
 * percentiles. A plain growing array of nanoseconds: runs here record at most a few million.
 */
final class Latencies {

  private long[] nanos = new long[1 << 14];
  private int size;

  void record(long elapsedNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = elapsedNanos;
  }

  int count() {
    return size;
  }

  /** All of {@code parts} in one, sorted. */
  static Latencies merged(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.size; i++) {
        all.record(part.nanos[i]);
      }
    }
    Arrays.sort(all.nanos, 0, all.size);
    return all;
  }

  /** The latency below which {@code percent} of the sorted records lie, in milliseconds. */
  double percentileMillis(double percent) {
    if (size == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percent / 100.0 * size) - 1;
    return nanos[Math.max(0, Math.min(size - 1, index))] / 1e6;
  }

  /** The mean latency in milliseconds. */
  double meanMillis() {
    long total = 0;
    for (int i = 0; i < size; i++) {
      total += nanos[i];
    }
    return size == 0 ? Double.NaN : total / 1e6 / size;
  }

  /** "mean 0.52 ms, p50 0.41 ms, p99 2.10 ms, max 14.0 ms (n = 12,345)", for sorted records. */
  String summary() {
    return String.format(
        "mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.1f ms (n = %,d)",
        meanMillis(), percentileMillis(50), percentileMillis(99), percentileMillis(100), size);
  }
}
