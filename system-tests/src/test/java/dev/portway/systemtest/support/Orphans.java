package dev.portway.systemtest.support;

/** Makes sure no process a test started outlives the test JVM, whatever the test did. */
final class Orphans {

    private Orphans() {}

    static void killOnExit(Process process) {
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + process.pid()));
    }
}
