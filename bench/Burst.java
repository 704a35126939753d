import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * A candle-close burst: fires every alert at once (one place order per alert, spread over the keys) and reports
 * when each answer arrived, measured from the moment the burst started. The alerts of one key differ in quantity,
 * so none is taken for a resend of another: each places an order.
 * Usage: java -cp 'target/tradehook.jar:target/lib/*' bench/Burst.java <port> <keys-file> <alerts> <connections>
 */
public class Burst {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<String> keys = Files.readAllLines(Path.of(args[1]));
        int alerts = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);

        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        long[] answeredAfterNanos = new long[alerts];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch latch = new CountDownLatch(alerts);

        long start = System.nanoTime();
        for (int i = 0; i < alerts; i++) {
            int alert = i;
            String[] key = keys.get(i % keys.size()).split(" ");
            Buffer body = Buffer.buffer(String.format(
                    "{\"action\":\"place\",\"accountName\":\"demo\",\"symbol\":\"ES1!\",\"symbolType\":\"FUTURES\","
                            + "\"contractMonth\":\"2026-12\",\"type\":\"Market\",\"qty\":%d,\"side\":\"%s\"}",
                    alert / keys.size() + 1, alert % 2 == 0 ? "buy" : "sell"));
            client.request(HttpMethod.POST, "/webhook/" + key[0] + "/" + key[1])
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
                    });
        }
        boolean all = latch.await(60, TimeUnit.SECONDS);
        long[] sorted = Arrays.copyOf(answeredAfterNanos, alerts);
        Arrays.sort(sorted);
        System.out.printf("RESULT {\"alerts\":%d,\"keys\":%d,\"connections\":%d,\"ok\":%d,\"failed\":%d,\"allAnswered\":%s,"
                        + "\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"lastAnswerMs\":%.1f}%n",
                alerts, Math.min(alerts, keys.size()), connections, ok.get(), failed.get(), all,
                ms(sorted[alerts / 2]), ms(sorted[alerts * 9 / 10]), ms(sorted[alerts * 99 / 100]), ms(sorted[alerts - 1]));
        vertx.close();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
