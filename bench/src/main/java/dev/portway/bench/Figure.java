package dev.portway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure (e.g. "round trip p99") measured on each path: the value of every repetition.
 * A repetition that failed is NaN and left out of the summary (and said in the run's notes).
 */
final class Figure {

    final String id;
    final String title;
    final String unit;
    final boolean higherIsBetter;
    /** Drawn in the chart (normalized to direct); counts such as errors are not. */
    final boolean charted;
    final Map<String, List<Double>> reps = new LinkedHashMap<>();

    Figure(String id, String title, String unit, boolean higherIsBetter, boolean charted) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.charted = charted;
    }

    void add(String path, double value) {
        reps.computeIfAbsent(path, p -> new ArrayList<>()).add(value);
    }

    private double[] valid(String path) {
        return reps.getOrDefault(path, List.of()).stream().mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    double median(String path) {
        return Stats.median(valid(path));
    }

    double min(String path) {
        return Stats.min(valid(path));
    }

    double max(String path) {
        return Stats.max(valid(path));
    }

    boolean has(String path) {
        return valid(path).length > 0;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("unit", unit);
        m.put("better", higherIsBetter ? "higher" : "lower");
        m.put("charted", charted);
        Map<String, Object> paths = new LinkedHashMap<>();
        for (String p : reps.keySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("median", median(p));
            s.put("min", min(p));
            s.put("max", max(p));
            s.put("repetitions", reps.get(p));
            paths.put(p, s);
        }
        m.put("paths", paths);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Figure fromJson(Map<String, Object> m) {
        Figure f = new Figure((String) m.get("id"), (String) m.get("title"), (String) m.get("unit"),
                "higher".equals(m.get("better")), Boolean.TRUE.equals(m.get("charted")));
        Map<String, Object> paths = (Map<String, Object>) m.get("paths");
        for (Map.Entry<String, Object> e : paths.entrySet()) {
            List<Object> values = (List<Object>) ((Map<String, Object>) e.getValue()).get("repetitions");
            for (Object v : values) {
                f.add(e.getKey(), v == null ? Double.NaN : ((Number) v).doubleValue());
            }
        }
        return f;
    }
}
