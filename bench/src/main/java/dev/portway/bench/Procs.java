package dev.portway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What /proc says about a process: resident memory, CPU time, open files, heap cap. */
final class Procs {

    /** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private Procs() {
    }

    /** VmRSS in KiB, or -1 if the process is gone. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * User + system CPU ticks of the process, plus those of its children it has waited for when
     * {@code withChildren} (the harness's own iperf3 clients are reaped children of this JVM).
     */
    static long cpuTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // f[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU ticks per thread group of the process: thread names with their numbers replaced by #
     * ("bridge-io-#-#", "C# CompilerThre", "GC Thread##"), so that a process's event loops, JIT
     * compilers, garbage collector and gRPC threads each show as one line. Linux cuts thread
     * names to 15 characters.
     */
    static java.util.Map<String, Long> threadGroupTicks(long pid) {
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    groups.merge(name.replaceAll("[0-9]", "#"), ticks, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is lost, a few ticks at most
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** Open file descriptors right now, or -1. */
    static int openFiles(long pid) {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The soft RLIMIT_NOFILE of the process (the JVM raises its own soft limit to the hard one). */
    static long maxOpenFiles(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static final Pattern XMX = Pattern.compile("^-Xmx(\\S+)$");

    /** The -Xmx the process was started with, or "JVM default" / "not a JVM". */
    static String heapCap(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            List<String> args = List.of(new String(raw).split("\0"));
            if (args.isEmpty() || !args.get(0).endsWith("java")) {
                return "not a JVM";
            }
            String cap = "JVM default";
            for (String a : args) {
                Matcher m = XMX.matcher(a);
                if (m.matches()) {
                    cap = m.group(1); // the last -Xmx wins, as in the JVM
                }
            }
            return cap;
        } catch (IOException e) {
            return "unknown (process gone)";
        }
    }

    static boolean alive(long pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }
}
