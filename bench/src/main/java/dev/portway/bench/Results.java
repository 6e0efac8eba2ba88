package dev.portway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found, as written to results.json and read back by {@code report}: the
 * figures per path, memory, where CPU went, the machine and how loaded it was, the warm-up.
 */
final class Results {

    String mode;
    String startedAt;
    double durationSeconds;
    Map<String, Object> machine = new LinkedHashMap<>();
    Map<String, Object> heapCaps = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    Map<String, Object> warmup = new LinkedHashMap<>();
    final List<Figure> figures = new ArrayList<>();
    Map<String, Object> memory = new LinkedHashMap<>();
    /** figure id → path → process → average CPU over that figure's runs, % of one core. */
    Map<String, Object> cpu = new LinkedHashMap<>();
    /** figure id → "process/thread group" → % of one core, on the portway path. */
    Map<String, Object> portwayThreads = new LinkedHashMap<>();
    /** Machine load per phase of the run (ours and everybody else's). */
    Map<String, Object> load = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    Figure figure(String id) {
        return figures.stream().filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + id));
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "Portway full path vs direct vs HAProxy (bench/run)");
        m.put("mode", mode);
        m.put("started_at", startedAt);
        m.put("duration_seconds", durationSeconds);
        m.put("machine", machine);
        m.put("heap_caps", heapCaps);
        m.put("settings", settings);
        m.put("warmup", warmup);
        m.put("figures", figures.stream().map(Figure::toJson).toList());
        m.put("memory", memory);
        m.put("cpu_percent_of_one_core", cpu);
        m.put("portway_threads_percent_of_one_core", portwayThreads);
        m.put("load", load);
        m.put("targets", Targets.evaluate(this).stream().map(Targets.Target::toJson).toList());
        m.put("notes", notes);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Results fromJson(Map<String, Object> m) {
        Results r = new Results();
        r.mode = (String) m.get("mode");
        r.startedAt = (String) m.get("started_at");
        r.durationSeconds = ((Number) m.get("duration_seconds")).doubleValue();
        r.machine = (Map<String, Object>) m.get("machine");
        r.heapCaps = (Map<String, Object>) m.get("heap_caps");
        r.settings = (Map<String, Object>) m.get("settings");
        r.warmup = (Map<String, Object>) m.get("warmup");
        for (Object f : (List<Object>) m.get("figures")) {
            r.figures.add(Figure.fromJson((Map<String, Object>) f));
        }
        r.memory = (Map<String, Object>) m.get("memory");
        r.cpu = (Map<String, Object>) m.get("cpu_percent_of_one_core");
        r.portwayThreads = (Map<String, Object>) m.getOrDefault("portway_threads_percent_of_one_core", Map.of());
        r.load = (Map<String, Object>) m.get("load");
        for (Object n : (List<Object>) m.get("notes")) {
            r.notes.add((String) n);
        }
        return r;
    }
}
