package com.doe.functions.e2e;

import java.time.Duration;

/** Polls a condition until it holds, failing with the host's log tail when it does not in time. */
final class Await {

    @FunctionalInterface
    interface Probe<T> {
        /** The value once the condition holds; null or {@code false} while it does not. */
        T get() throws Exception;
    }

    private Await() {
    }

    static <T> T until(Duration timeout, String what, LocalHostProcess host, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!host.isAlive()) {
                throw new AssertionError("the local host exited while waiting for " + what + ":\n" + host.logTail(8000));
            }
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; host log tail:\n" + host.logTail(6000));
            }
            Thread.sleep(250);
        }
    }
}
