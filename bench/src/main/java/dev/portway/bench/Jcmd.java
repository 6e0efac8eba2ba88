package dev.portway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM, via {@code jcmd}: a full GC, then the heap's "used". RSS growth alone
 * can hide per-connection memory in a JVM whose heap pages were already touched by earlier load;
 * the live heap after a full GC cannot. Used only in the memory figure, where a full GC in the
 * measured processes costs nothing that is being timed.
 */
final class Jcmd {

    /**
     * G1 prints one line ("garbage-first heap total 40960K, used 23676K"); the serial collector
     * one per generation ("def new generation ...", "tenured generation ..."), summed.
     */
    private static final Pattern USED = Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K");

    private Jcmd() {
    }

    /** KiB of heap in use right after a full GC, or -1 if jcmd could not tell. */
    static long liveHeapKiB(long pid) {
        try {
            run(pid, "GC.run");
            Matcher m = USED.matcher(run(pid, "GC.heap_info"));
            long used = 0;
            boolean found = false;
            while (m.find()) {
                used += Long.parseLong(m.group(1));
                found = true;
            }
            return found ? used : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("jcmd", String.valueOf(pid), command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish");
        }
        return out;
    }
}
