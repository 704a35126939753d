import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * Candle-close bursts: each fires every alert at once (one place order per alert, spread over the keys) over new
 * connections and reports when each answer arrived, measured from the moment the burst started. No two alerts of a
 * run are alike (the alerts of one key, in one burst and across bursts, differ in quantity), so none is taken for a
 * resend of another: each places an order. Bursts are some seconds apart, as candle closes are at least a minute
 * apart: the first finds a gateway that has not yet seen this kind of alert, the later ones one that has.
 * Usage: java -cp 'target/tradehook.jar:target/lib/*' bench/Burst.java <port> <keys-file> <alerts> <connections> [bursts]
 */
public class Burst {

    /** Between bursts: the gateway's JIT compiler finishes what the last burst gave it, as between two candle closes. */
    private static final long PAUSE_MILLIS = 5_000;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> keys = Files.readAllLines(Path.of(args[1]));
        int alerts = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        IntFunction<String> alertPath = i -> {
            String[] key = keys.get(i % keys.size()).split(" ");
            return "/webhook/" + key[0] + "/" + key[1];
        };
        int bursts = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Vertx vertx = Vertx.vertx();
        for (int round = 1; round <= bursts; round++) {
            if (round > 1) {
                Thread.sleep(PAUSE_MILLIS);
            }
            // quantities 1-10 in the first burst, 11-20 in the second...: every order of the run is new
            int firstQuantity = (round - 1) * ceilDiv(alerts, keys.size()) + 1;
            Fired burst = fire(vertx, port, connections, alerts, alertPath, keys.size(), firstQuantity);
            long[] sorted = Arrays.copyOf(burst.answeredAfterNanos, alerts);
            Arrays.sort(sorted);
            System.out.printf("RESULT {\"burst\":%d,\"alerts\":%d,\"keys\":%d,\"connections\":%d,\"ok\":%d,\"failed\":%d,"
                            + "\"allAnswered\":%s,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"lastAnswerMs\":%.1f}%n",
                    round, alerts, Math.min(alerts, keys.size()), connections, burst.ok, burst.failed, burst.allAnswered,
                    ms(sorted[alerts / 2]), ms(sorted[alerts * 9 / 10]), ms(sorted[alerts * 99 / 100]),
                    ms(sorted[alerts - 1]));
        }
        vertx.close();
    }

    private record Fired(long[] answeredAfterNanos, int ok, int failed, boolean allAnswered) {
    }

    /** Sends n place orders at once over a new client, to the path of each; waits for every answer. */
    private static Fired fire(Vertx vertx, int port, int connections, int n, IntFunction<String> path, int keys,
                              int firstQuantity) throws InterruptedException {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        long[] answeredAfterNanos = new long[n];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch latch = new CountDownLatch(n);

        long start = System.nanoTime();
        // each connection sends its share one after another, as a sender's keep-alive connection does: the client
        // never holds more requests than connections, so it does not queue thousands of them in its own pool
        for (int c = 0; c < Math.min(connections, n); c++) {
            send(client, c, connections, n, path, keys, firstQuantity, start, answeredAfterNanos, ok, failed, latch);
        }
        boolean all = latch.await(60, TimeUnit.SECONDS);
        client.close().toCompletionStage().toCompletableFuture().join();
        return new Fired(answeredAfterNanos, ok.get(), failed.get(), all);
    }

    private static void send(HttpClient client, int alert, int connections, int n, IntFunction<String> path, int keys,
                             int firstQuantity, long start, long[] answeredAfterNanos, AtomicInteger ok, AtomicInteger failed,
                             CountDownLatch latch) {
        Buffer body = Buffer.buffer(String.format(
                "{\"action\":\"place\",\"accountName\":\"demo\",\"symbol\":\"ES1!\",\"symbolType\":\"FUTURES\","
                        + "\"contractMonth\":\"2026-12\",\"type\":\"Market\",\"qty\":%d,\"side\":\"%s\"}",
                firstQuantity + alert / keys, alert % 2 == 0 ? "buy" : "sell"));
        client.request(HttpMethod.POST, path.apply(alert))
                .compose(request -> request.putHeader("Content-Type", "text/plain").send(body))
                .compose(response -> response.body().map(b -> response.statusCode()))
                .onComplete(result -> {
                    answeredAfterNanos[alert] = System.nanoTime() - start;
                    if (result.succeeded() && result.result() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    latch.countDown();
                    if (alert + connections < n) {
                        send(client, alert + connections, connections, n, path, keys, firstQuantity, start,
                                answeredAfterNanos, ok, failed, latch);
                    }
                });
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
