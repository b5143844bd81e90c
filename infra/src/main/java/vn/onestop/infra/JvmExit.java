package vn.onestop.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes still-open infrastructure (brokers, registries) from one JVM shutdown hook, newest first,
 * so a JVM that exits or gets SIGTERM without closing them leaves no data directory or log behind.
 */
final class JvmExit {
    private static final Set<AutoCloseable> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JvmExit::closeAll, "onestop-infra-exit"));
    }

    private JvmExit() {
    }

    /** Closes {@code resource} at JVM exit unless {@link #forget} was called first. */
    static void closeOnExit(AutoCloseable resource) {
        OPEN.add(resource);
    }

    /** Called by a resource's own close(). */
    static void forget(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        Collections.reverse(open);
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("[onestop] could not close " + resource + " at exit: " + e);
            }
        }
    }
}
