package org.prune4j.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The driver's end of the rounds: the workers' tasks live as long as the run and each keeps one TCP
 * connection to the driver, over which it receives every round's state and sends back its result. A
 * Spark job per round cost 10-20 ms before any array moved on this machine (scheduling, closure cleaning,
 * task and broadcast serialization, much of it interpreted until the JIT reaches it after hundreds of
 * rounds); a round here is two socket writes.
 *
 * <p>Frames: a worker opens with the run's secret token and its index; the driver sends
 * {@code (round, length, bytes)}, round -1 meaning stop; the worker answers {@code (round, length, bytes)}.
 * A worker whose connection drops (its executor died; Spark runs the task again elsewhere) connects
 * anew and is sent the round it has not answered: a round is a pure function of (state, worker), so a
 * repeated one gives the same bytes. Results come back in worker order whatever order they arrive in.
 */
final class RoundChannel implements AutoCloseable {

    /** Where the tasks connect, and the secret that proves they belong to this run. */
    record Endpoint(String host, int port, byte[] token) implements Serializable {
    }

    /** The task's side of a round: the answer of one worker to one round's payload. */
    @FunctionalInterface
    interface Handler extends Serializable {
        byte[] answer(int worker, byte[] payload) throws Exception;
    }

    static final long STOP = -1;
    private static final int TOKEN_BYTES = 16;
    /** How long a round waits for a worker without a connection to connect, unless told otherwise. */
    static final Duration ABSENCE_LIMIT = Duration.ofMinutes(10);

    private final int workers;
    private final ServerSocket server;
    private final byte[] token = new byte[TOKEN_BYTES];
    private final String host;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final long absenceLimitNanos;
    private final Connection[] connections;
    /** Per worker, since when it has had no connection (0 while it has one); driver thread only. */
    private final long[] absentSince;
    /** Every connection accepted and not yet closed, so that {@link #close} reaches those no round has seen. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private long round;
    private volatile boolean closed;

    /** Listens on {@code bindAddress}; tasks reach it as {@code host}. */
    RoundChannel(int workers, String host, String bindAddress) {
        this(workers, host, bindAddress, ABSENCE_LIMIT);
    }

    /** As {@link #RoundChannel(int, String, String)}, failing a round once a worker has had no connection for {@code absenceLimit}. */
    RoundChannel(int workers, String host, String bindAddress, Duration absenceLimit) {
        this.workers = workers;
        this.absenceLimitNanos = absenceLimit.toNanos();
        this.host = host;
        this.connections = new Connection[workers];
        this.absentSince = new long[workers];
        Arrays.fill(absentSince, System.nanoTime());
        new SecureRandom().nextBytes(token);
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), workers * 2);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the workers on " + bindAddress + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::accept, "prune4j-round-channel");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Endpoint endpoint() {
        return new Endpoint(host, server.getLocalPort(), token.clone());
    }

    /**
     * Sends {@code payload} to every worker and returns their answers, in worker order.
     *
     * @param jobFailure what ended the workers' Spark job, or null while it runs: the round fails with it
     */
    List<byte[]> exchange(byte[] payload, Supplier<RuntimeException> jobFailure) throws InterruptedException {
        long current = ++round;
        byte[][] answers = new byte[workers][];
        int missing = workers;
        for (Connection c : connections) {
            if (c != null) {
                c.send(current, payload);
            }
        }
        while (missing > 0) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) {
                RuntimeException failure = jobFailure.get();
                if (failure != null) {
                    throw failure;
                }
                List<Integer> absent = absentFor(absenceLimitNanos, answers);
                if (!absent.isEmpty()) { // a worker that computes takes as long as it takes: only absence fails
                    throw new IllegalStateException("round " + current + ": workers " + absent + " have had no "
                            + "connection to the driver for " + Duration.ofNanos(absenceLimitNanos).toSeconds()
                            + " s; the cluster must run all " + workers + " workers' tasks at once (one core each)");
                }
                continue;
            }
            Connection c = e.connection();
            if (e instanceof Connected) {
                if (connections[c.worker] != null) {
                    connections[c.worker].close();
                }
                connections[c.worker] = c;
                absentSince[c.worker] = 0;
                if (answers[c.worker] == null) {
                    c.send(current, payload);
                }
            } else if (e instanceof Lost) {
                if (connections[c.worker] == c) {
                    connections[c.worker] = null; // its task runs again and connects anew
                    absentSince[c.worker] = System.nanoTime();
                }
            } else if (e instanceof Answer a && connections[c.worker] == c && a.round == current
                    && answers[c.worker] == null) {
                answers[c.worker] = a.bytes;
                missing--;
            }
        }
        return Arrays.asList(answers);
    }

    /**
     * Tells every connected worker to stop (their tasks then end), including connections no round has taken
     * in yet, and stops listening.
     */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to accept
        }
        for (Connection c : open) {
            c.send(STOP, new byte[0]);
            c.closeAfterWrites();
        }
    }

    /** The workers still owing an answer that have had no connection for longer than {@code nanos}. */
    private List<Integer> absentFor(long nanos, byte[][] answers) {
        List<Integer> out = new ArrayList<>();
        long now = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            if (answers[w] == null && connections[w] == null && now - absentSince[w] > nanos) {
                out.add(w);
            }
        }
        return out;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread hello = new Thread(() -> greet(socket), "prune4j-round-channel-hello");
                hello.setDaemon(true);
                hello.start();
            } catch (IOException e) {
                return; // closed: rounds already under way fail on their connections
            }
        }
    }

    /** Reads a new connection's token and worker index, then its answers until it drops. */
    private void greet(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30)); // for the greeting only
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            byte[] offered = new byte[TOKEN_BYTES];
            in.readFully(offered);
            int worker = in.readInt();
            if (!MessageDigest.isEqual(offered, token) || worker < 0 || worker >= workers) {
                socket.close();
                return;
            }
            socket.setSoTimeout(0);
            Connection c = new Connection(worker, socket, open::remove);
            open.add(c);
            events.add(new Connected(c));
            if (closed) { // close() may have run before this connection was in the set
                c.send(STOP, new byte[0]);
                c.closeAfterWrites();
            }
            try {
                while (true) {
                    long answered = in.readLong();
                    events.add(new Answer(c, answered, Frames.readBytes(in)));
                }
            } catch (IOException | RuntimeException | OutOfMemoryError e) { // a round must not wait on a dead reader
                c.close();
                events.add(new Lost(c));
            }
        } catch (IOException e) { // a greeting that never came, or a stranger
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private sealed interface Event permits Connected, Answer, Lost {
        Connection connection();
    }

    private record Connected(Connection connection) implements Event {
    }

    private record Answer(Connection connection, long round, byte[] bytes) implements Event {
    }

    /** A connection dropped. */
    private record Lost(Connection connection) implements Event {
    }

    /** One worker's connection; writes go through its own thread, so a stalled worker never blocks the driver. */
    private static final class Connection {

        final int worker;
        private final Socket socket;
        private final DataOutputStream out;
        private final ExecutorService writer;
        private final Consumer<Connection> onClose;

        Connection(int worker, Socket socket, Consumer<Connection> onClose) throws IOException {
            this.worker = worker;
            this.socket = socket;
            this.onClose = onClose;
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            this.writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "prune4j-round-channel-writer-" + worker);
                t.setDaemon(true);
                return t;
            });
        }

        /** Queues a frame; a closed connection drops it (its reader reports the loss, and the worker comes back). */
        void send(long round, byte[] payload) {
            try {
                writer.execute(() -> {
                    try {
                        out.writeLong(round);
                        Frames.writeBytes(out, payload);
                        out.flush();
                    } catch (IOException e) {
                        close();
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed
            }
        }

        void closeAfterWrites() {
            try {
                writer.execute(this::close);
            } catch (RejectedExecutionException e) {
                // closed
            }
            writer.shutdown();
        }

        void close() {
            writer.shutdown();
            closeQuietly(socket);
            onClose.accept(this);
        }
    }
}
