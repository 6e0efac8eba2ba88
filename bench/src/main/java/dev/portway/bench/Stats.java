package dev.portway.bench;

import java.util.Arrays;

/** Percentiles of raw samples and the median/min/max summary of repetitions. */
final class Stats {

    private Stats() {
    }

    /**
     * Nearest-rank percentile of samples already sorted ascending: the smallest sample with at
     * least p% of all samples at or below it (no interpolation: every reported value was measured).
     */
    static long percentile(long[] sorted, int count, double p) {
        if (count == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    /** The median of the values: the middle one, or the mean of the two middle ones. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
