package org.prune4j.masks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that run host work beside the training thread, one per core beyond the first: the other
 * ranges of a {@link HostParallel} pass, and work started ahead (MaskLLM's next noise).
 *
 * <p>The training thread never has to wake one of them between two passes. Waking a parked thread
 * often put it on the waker's core on this VM, and the waker then waited for it. In situ, the
 * common ForkJoinPool's submit took 35 µs at the median and 1.3-1.7 ms at the 90th percentile, so
 * MaskLLM's backward pass ran on one core most of the time. Instead, for {@link #IDLE_NANOS} after its
 * last task, an idle worker sleeps in timed parks of {@link #POLL_NANOS} and looks for work whenever
 * it wakes: its own timer wakes it, on its own core. Once it has been idle longer than that, it parks
 * until {@link #execute} wakes it.
 */
final class HostWorkers {

    /**
     * How long an idle worker sleeps between looks for work. The poll was tried at 20, 50 and 200 µs:
     * with 20 the dense graph on the other core got slower; 50 and 200 gave the same steps.
     */
    static final long POLL_NANOS = 100_000;
    /** How long after its last task a worker keeps polling: steps come much more often than this. */
    static final long IDLE_NANOS = 200_000_000;

    private static final ConcurrentLinkedQueue<Runnable> QUEUE = new ConcurrentLinkedQueue<>();
    private static final List<Worker> WORKERS = start(Runtime.getRuntime().availableProcessors() - 1);

    private HostWorkers() {
    }

    /** How many workers there are: the cores the JVM saw at start, less one. */
    static int count() {
        return WORKERS.size();
    }

    /**
     * Runs {@code task} on the first worker free, or on this thread when there are no workers. A task must
     * catch what it throws: a worker only reports it.
     */
    static void execute(Runnable task) {
        if (WORKERS.isEmpty()) {
            task.run();
            return;
        }
        QUEUE.add(task);
        for (Worker worker : WORKERS) {
            if (worker.parked) {
                LockSupport.unpark(worker.thread);
                return;
            }
        }
    }

    /** Takes {@code task} back (one of its copies, if queued several times) where no worker has started it yet. */
    static boolean cancel(Runnable task) {
        return QUEUE.remove(task);
    }

    private static List<Worker> start(int n) {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Worker worker = new Worker();
            worker.thread = new Thread(worker::run, "prune4j-host-" + i);
            worker.thread.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(w -> w.thread.start());
        return List.copyOf(workers);
    }

    private static final class Worker {
        private Thread thread;
        /** Parked until {@link #execute} wakes it (idle longer than {@link #IDLE_NANOS}). */
        private volatile boolean parked;

        private void run() {
            long lastTask = System.nanoTime();
            while (true) {
                Runnable task = QUEUE.poll();
                if (task != null) {
                    try {
                        task.run();
                    } catch (Throwable t) { // tasks report their own failures; this only keeps the worker
                        Thread self = Thread.currentThread();
                        self.getUncaughtExceptionHandler().uncaughtException(self, t);
                    }
                    lastTask = System.nanoTime();
                } else if (System.nanoTime() - lastTask < IDLE_NANOS) {
                    LockSupport.parkNanos(this, POLL_NANOS);
                } else {
                    parked = true; // then look again: a task added before this line is seen below
                    if (QUEUE.isEmpty()) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    lastTask = System.nanoTime();
                }
            }
        }
    }
}
