import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Candle-close bursts: each fires every alert at once (one place order per alert, spread over the keys) over new
 * connections and reports when each answer arrived, measured from the moment the burst started. No two alerts of a
 * run are alike (the alerts of one key, in one burst and across bursts, differ in quantity), so none is taken for a
 * resend of another: each places an order. Bursts are some seconds apart, as candle closes are at least a minute
 * apart: the first finds a gateway that has not yet seen this kind of alert, the later ones one that has.
 *
 * <p>The load generator shares the machine's two cores with the gateway, so it does as little as wrk does: one thread,
 * one selector over all connections, every request encoded before the burst starts, and of each answer only the
 * status line and where it ends read. (Vert.x's HTTP client took 0.23 ms of CPU per alert here, two thirds of what
 * the gateway took; this takes 0.06 ms.)
 * Usage: java bench/Burst.java <port> <keys-file> <alerts> <connections> [bursts] [first round]
 */
public class Burst {

    /** Between bursts: the gateway's JIT compiler finishes what the last burst gave it, as between candle closes. */
    private static final long PAUSE_MILLIS = 5_000;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** What one step of a connection came to. */
    private static final int FAILED = -1;
    private static final int PENDING = 0;
    private static final int ANSWERED = 1;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> keys = Files.readAllLines(Path.of(args[1]));
        int alerts = Integer.parseInt(args[2]);
        int connections = Math.min(Integer.parseInt(args[3]), alerts);
        int bursts = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        // a later run against the same keys starts its rounds after the earlier run's, so its alerts are new too
        int firstRound = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        for (int round = firstRound; round < firstRound + bursts; round++) {
            if (round > firstRound) {
                Thread.sleep(PAUSE_MILLIS);
            }
            // quantities 1-10 in the first burst, 11-20 in the second...: every order of the run is new
            int firstQuantity = (round - 1) * ceilDiv(alerts, keys.size()) + 1;
            byte[][] requests = new byte[alerts][];
            for (int alert = 0; alert < alerts; alert++) {
                requests[alert] = request(port, keys.get(alert % keys.size()), firstQuantity + alert / keys.size(),
                        alert % 2 == 0 ? "buy" : "sell");
            }
            Fired burst = fire(port, connections, requests);
            long[] sorted = Arrays.copyOf(burst.answeredAfterNanos, alerts);
            Arrays.sort(sorted);
            System.out.printf("RESULT {\"burst\":%d,\"alerts\":%d,\"keys\":%d,\"connections\":%d,\"ok\":%d,"
                            + "\"busyWithRetryAfter\":%d,\"failed\":%d,\"allAnswered\":%s,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,"
                            + "\"lastAnswerMs\":%.1f}%n",
                    round, alerts, Math.min(alerts, keys.size()), connections, burst.ok, burst.busy, burst.failed,
                    burst.ok + burst.busy + burst.failed == alerts, ms(sorted[alerts / 2]), ms(sorted[alerts * 9 / 10]),
                    ms(sorted[alerts * 99 / 100]), ms(sorted[alerts - 1]));
        }
    }

    /** A Market order as TradingView sends one: a JSON body as text/plain, to the key's webhook URL. */
    private static byte[] request(int port, String key, int quantity, String side) {
        String[] pair = key.split(" ");
        String body = String.format("{\"action\":\"place\",\"accountName\":\"demo\",\"symbol\":\"ES1!\","
                + "\"symbolType\":\"FUTURES\",\"contractMonth\":\"2026-12\",\"type\":\"Market\",\"qty\":%d,"
                + "\"side\":\"%s\"}", quantity, side);
        return ("POST /webhook/" + pair[0] + "/" + pair[1] + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** ok: 200; busy: 503 with Retry-After (nothing placed, the sender may resend); failed: anything else. */
    private record Fired(long[] answeredAfterNanos, int ok, int busy, int failed) {
    }

    /**
     * Opens every connection at once; connection c sends alerts c, c + connections, c + 2 connections... one after
     * another, each once the answer to the one before has arrived, as a sender's keep-alive connection does.
     */
    private static Fired fire(int port, int connections, byte[][] requests) throws IOException {
        long[] answeredAfterNanos = new long[requests.length];
        int ok = 0;
        int busy = 0;
        int failed = 0;
        int open = connections;
        try (Selector selector = Selector.open()) {
            long start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                channel.register(selector, SelectionKey.OP_CONNECT, new Connection(c));
            }
            while (open > 0 && System.nanoTime() - start < TIMEOUT_NANOS) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    int step;
                    try {
                        step = connection.step(key, requests);
                    } catch (IOException e) {
                        step = FAILED;
                    }
                    if (step == ANSWERED) {
                        answeredAfterNanos[connection.alert] = System.nanoTime() - start;
                        if (connection.status == 200) {
                            ok++;
                        } else if (connection.status == 503 && connection.retryAfter) {
                            busy++;
                        } else {
                            failed++;
                        }
                        connection.alert += connections;
                    }
                    if (step == FAILED || connection.alert >= requests.length) {
                        // a failed connection's alerts from the one in flight on are not answered
                        for (int alert = connection.alert; alert < requests.length; alert += connections) {
                            answeredAfterNanos[alert] = System.nanoTime() - start;
                            failed++;
                        }
                        key.cancel();
                        key.channel().close();
                        open--;
                    } else if (step == ANSWERED) {
                        connection.send(key, requests[connection.alert]);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        return new Fired(answeredAfterNanos, ok, busy, failed);
    }

    /** One keep-alive connection: the request it is sending, and the answer it is reading. */
    private static final class Connection {

        private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private ByteBuffer out;
        int alert;
        int status;
        boolean retryAfter;

        Connection(int alert) {
            this.alert = alert;
        }

        void send(SelectionKey key, byte[] request) {
            out = ByteBuffer.wrap(request);
            in.clear();
            key.interestOps(SelectionKey.OP_WRITE);
        }

        /** Moves this connection on: {@link #ANSWERED} once an answer is complete, {@link #FAILED} if it closed. */
        int step(SelectionKey key, byte[][] requests) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            if (key.isConnectable()) {
                channel.finishConnect();
                send(key, requests[alert]);
                return PENDING;
            }
            if (key.isWritable()) {
                channel.write(out);
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return PENDING;
            }
            if (channel.read(in) < 0) {
                return FAILED;
            }
            return answerComplete() ? ANSWERED : PENDING;
        }

        /** The status and headers read, then the body: Content-Length bytes, or chunks up to the last (empty) one. */
        private boolean answerComplete() {
            byte[] bytes = in.array();
            int end = headEnd(bytes, in.position());
            if (end < 0) {
                return false;
            }
            String head = new String(bytes, 0, end, StandardCharsets.US_ASCII).toLowerCase();
            status = Integer.parseInt(head.substring(9, 12));
            retryAfter = head.contains("\r\nretry-after:");
            int at = head.indexOf("\r\ncontent-length:");
            if (at < 0) {
                // chunked (the gateway's answers): the body ends with the empty last chunk
                return in.position() >= end + 4 + LAST_CHUNK.length && Arrays.equals(bytes,
                        in.position() - LAST_CHUNK.length, in.position(), LAST_CHUNK, 0, LAST_CHUNK.length);
            }
            int lineEnd = head.indexOf("\r\n", at + 2);
            int length = Integer.parseInt(head.substring(at + 17, lineEnd < 0 ? head.length() : lineEnd).trim());
            return in.position() >= end + 4 + length;
        }

        private static int headEnd(byte[] bytes, int limit) {
            for (int i = 0; i + 3 < limit; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
