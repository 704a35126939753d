package io.tradehook.te;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A TraderEvolution Client API on a local port, written from the published shape: {@code /traderevolution/v1},
 * {@code POST /authorize?login&password}, Bearer tokens, {@code d.accounts[]}, {@code d.instruments[]}, the three
 * order calls with string order ids, request limits in {@code GET /config} ({@code rateLimits[]}) enforced with
 * {@code 429}, refusals as 4xx with {@code errmsg}; every answer in the {@code s}/{@code d}/{@code errmsg} envelope.
 * It records every request it receives and can be told to answer slowly, to refuse the current token once, to
 * refuse orders, to fail with 500, to answer modify and cancel bare or with 204, or be stopped.
 *
 * <p>The benchmark runs it on its own ({@link #main}) as the broker of {@code tradehook.broker=te}.
 */
public final class FakeTe implements AutoCloseable {

    static final String BASE = "/traderevolution/v1";
    static final String LOGIN = "gateway-te-user";
    static final String PASSWORD = "te-password-42";

    /** One request as it arrived: everything a leak could hide in. */
    record Received(String method, String path, String query, Map<String, String> headers, String body,
                    HttpVersion version) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String everything() {
            return method + " " + path + "?" + query + " " + headers + " " + body;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> instruments = new ConcurrentHashMap<>();
    private final Map<String, Boolean> validTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicLong nextOrderId = new AtomicLong(3188861);
    private final AtomicInteger port = new AtomicInteger();
    private volatile HttpServer server;
    private HttpServerOptions serverOptions = new HttpServerOptions();
    private Path certificate;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration orderDelay = Duration.ZERO;
    /** While set, order calls wait for it before they are answered. */
    private volatile CompletableFuture<Void> orderGate;
    private final AtomicInteger ordersWaiting = new AtomicInteger();
    private volatile boolean failing;
    private volatile String orderError;
    private volatile ChangeAnswer changeAnswer = ChangeAnswer.WITH_ORDER_ID;
    private volatile boolean recording = true;
    /** PLACE_ORDER limit per second announced in /config and enforced (0: none). */
    private volatile int ordersPerSecond;
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicLong ordersPlaced = new AtomicLong();
    private final AtomicLong ordersRefusedForLimit = new AtomicLong();
    private final AtomicLong maxOrdersInOneSecond = new AtomicLong();
    private final Map<Long, AtomicInteger> ordersBySecond = new ConcurrentHashMap<>();

    /** How modify and cancel are answered when they succeed. */
    enum ChangeAnswer {
        /** {@code {"s":"ok","d":{"orderId":"..."}}} */
        WITH_ORDER_ID,
        /** {@code {"s":"ok"}} */
        BARE_OK,
        /** {@code 204 No Content} */
        NO_CONTENT
    }

    /** Runs on its own for the benchmark: {@code <port> <latency ms> <place orders per second, 0: none>}. */
    public static void main(String[] args) throws Exception {
        FakeTe te = new FakeTe();
        te.port.set(Integer.parseInt(args[0]));
        te.slowOrders(Duration.ofMillis(Long.parseLong(args[1])));
        te.ordersPerSecond = Integer.parseInt(args[2]);
        te.recording = false;
        te.account("demo", "3243753").instrument("3243753", """
                {"tradableInstrumentId":7001,"name":"BTCUSDT","type":"CRYPTO","tradingExchange":"BINANCE"}""")
                .instrument("3243753", """
                {"tradableInstrumentId":7002,"name":"ES1!","type":"FUTURES","contractMonth":"2026-12"}""");
        te.start();
        System.out.println("FakeTe listening on " + te.url());
        Thread.currentThread().join();
    }

    /**
     * What the benchmark reads ({@code GET /stand-in/counts}): orders placed, refused for the limit, and the most
     * placed in one second.
     */
    String counts() {
        return "{\"ordersPlaced\":" + ordersPlaced.get() + ",\"refusedForLimit\":" + ordersRefusedForLimit.get()
                + ",\"maxPlacedInOneSecond\":" + maxOrdersInOneSecond.get() + "}";
    }

    public FakeTe start() {
        server = vertx.createHttpServer(serverOptions).requestHandler(this::handle);
        await(server.listen(port.get()).toCompletionStage().toCompletableFuture());
        port.set(server.actualPort());
        return this;
    }

    /**
     * Over TLS with a self-signed certificate for localhost (made by the JDK's keytool), offering HTTP/2 and HTTP/1.1
     * by ALPN, as a broker's API on HTTPS does; {@link #certificatePath()} is the certificate to trust.
     */
    public FakeTe startTls() {
        try {
            Path dir = Files.createTempDirectory("fake-te-tls");
            Path keyStore = dir.resolve("te.p12");
            certificate = dir.resolve("te.pem");
            keytool("-genkeypair", "-alias", "te", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                    "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "fake-te");
            keytool("-exportcert", "-rfc", "-alias", "te", "-keystore", keyStore.toString(), "-storepass", "fake-te",
                    "-file", certificate.toString());
            serverOptions = new HttpServerOptions().setSsl(true).setUseAlpn(true)
                    .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword("fake-te"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("no certificate for the TLS stand-in", e);
        }
        return start();
    }

    String certificatePath() {
        return certificate.toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** Stops listening: connections are refused until {@link #start()} again (same port). */
    void stop() {
        await(server.close().toCompletionStage().toCompletableFuture());
    }

    String url() {
        return (certificate == null ? "http" : "https") + "://localhost:" + port.get() + BASE;
    }

    FakeTe account(String name, String id) {
        accounts.put(name, id);
        return this;
    }

    FakeTe instrument(String accountId, String json) {
        try {
            instruments.computeIfAbsent(accountId, id -> MAPPER.createArrayNode()).add(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** Tokens issued from now on expire after this long (TE's {@code expiration}, in unix seconds). */
    void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** A token handed out of band, as an installation does for {@code tradehook.te.token}. */
    FakeTe acceptToken(String token) {
        validTokens.put(token, true);
        return this;
    }

    /** Order calls answer after this delay (the connection stays open meanwhile). */
    void slowOrders(Duration delay) {
        orderDelay = delay;
    }

    /** Order calls are held unanswered (their connections open) until {@link #answerHeldOrders()}. */
    void holdOrders() {
        orderGate = new CompletableFuture<>();
    }

    /** Order calls held so far and not yet answered. */
    int heldOrders() {
        return ordersWaiting.get();
    }

    /** Answers every held order call, and stops holding them. */
    void answerHeldOrders() {
        CompletableFuture<Void> gate = orderGate;
        orderGate = null;
        if (gate != null) {
            gate.complete(null);
        }
    }

    /** Every call answers HTTP 500 while set. */
    void failing(boolean on) {
        failing = on;
    }

    /** Announces and enforces a PLACE_ORDER limit of this many a second (0: none). */
    void limitOrdersPerSecond(int limit) {
        ordersPerSecond = limit;
    }

    /** The next {@code n} order calls answer 429 with Retry-After, whatever the limit. */
    void tooManyRequests(int n) {
        tooManyRequests.set(n);
    }

    /** How successful modify and cancel calls are answered. */
    void changeAnswer(ChangeAnswer answer) {
        changeAnswer = answer;
    }

    long ordersPlaced() {
        return ordersPlaced.get();
    }

    long maxOrdersInOneSecond() {
        return maxOrdersInOneSecond.get();
    }

    /** Order calls answer {@code s:"error"} with this message (null: accept orders). */
    void refuseOrders(String errmsg) {
        orderError = errmsg;
    }

    /** Every token issued so far is refused (401) from now on, as after a session expiry. */
    void revokeTokens() {
        validTokens.replaceAll((token, valid) -> false);
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    /** How many calls were refused with 401 so far. */
    int refusals() {
        return refusals.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String method, String pathSuffix) {
        return received.stream().filter(r -> r.method.equals(method) && r.path.endsWith(pathSuffix)).toList();
    }

    void reset() {
        received.clear();
        orderDelay = Duration.ZERO;
        answerHeldOrders();
        failing = false;
        orderError = null;
        tokenLifetime = Duration.ofHours(1);
        changeAnswer = ChangeAnswer.WITH_ORDER_ID;
        tooManyRequests.set(0);
        ordersPlaced.set(0);
        ordersRefusedForLimit.set(0);
        maxOrdersInOneSecond.set(0);
        ordersBySecond.clear();
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "," + b));
            if (recording) {
                received.add(new Received(request.method().name(), request.path(), request.query(), headers,
                        buffer.toString(), request.version()));
            }
            answer(request, buffer.toString());
        });
    }

    private void answer(HttpServerRequest request, String body) {
        String path = request.path();
        if (failing) {
            reply(request, 500, error("internal error"));
            return;
        }
        if (path.equals("/stand-in/counts")) {
            request.response().putHeader("Content-Type", "application/json").end(counts());
            return;
        }
        if (!path.startsWith(BASE)) {
            reply(request, 404, error("not found"));
            return;
        }
        String call = request.method().name() + " " + path.substring(BASE.length());
        if (call.equals("POST /authorize")) {
            authorize(request);
            return;
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.getOrDefault(auth.substring(7), false)) {
            refusals.incrementAndGet();
            reply(request, 401, error("unauthorized"));
            return;
        }
        if (call.equals("GET /config")) {
            reply(request, 200, ok(config()));
        } else if (call.equals("GET /accounts")) {
            ArrayNode list = MAPPER.createArrayNode();
            accounts.forEach((name, id) -> list.addObject().put("id", id).put("name", name).put("type", "demo")
                    .put("currency", "USD").put("status", "ACTIVE"));
            ObjectNode d = MAPPER.createObjectNode();
            d.set("accounts", list);
            reply(request, 200, ok(d));
        } else if (call.matches("GET /accounts/[^/]+/instruments")) {
            String accountId = path.split("/")[4];
            ObjectNode d = MAPPER.createObjectNode();
            d.set("instruments", instruments.getOrDefault(accountId, MAPPER.createArrayNode()));
            reply(request, 200, ok(d));
        } else if (call.matches("POST /accounts/[^/]+/orders")) {
            if (overLimit(request)) {
                return;
            }
            orderAnswer(request, 200, () -> {
                ordersPlaced.incrementAndGet();
                return ok(MAPPER.createObjectNode().put("orderId", Long.toString(nextOrderId.getAndIncrement())));
            });
        } else if (call.matches("(PATCH|DELETE) /orders/[0-9]+")) {
            if (overLimit(request)) {
                return;
            }
            String orderId = path.substring(path.lastIndexOf('/') + 1);
            ChangeAnswer style = changeAnswer;
            orderAnswer(request, style == ChangeAnswer.NO_CONTENT ? 204 : 200, () -> switch (style) {
                case WITH_ORDER_ID -> ok(MAPPER.createObjectNode().put("orderId", orderId));
                case BARE_OK -> MAPPER.createObjectNode().put("s", "ok");
                case NO_CONTENT -> null;
            });
        } else {
            reply(request, 404, error("no such call"));
        }
    }

    /** {@code /config} as TE announces its request limits (and nothing else the gateway reads). */
    private ObjectNode config() {
        ObjectNode d = MAPPER.createObjectNode();
        ArrayNode limits = d.putArray("rateLimits");
        if (ordersPerSecond > 0) {
            limits.addObject().put("rateLimitType", "PLACE_ORDER").put("measure", "SECONDS").put("intervalNum", 1)
                    .put("limit", ordersPerSecond);
        }
        return d;
    }

    /** 429 with Retry-After when told to, or past the announced limit in this second (counted as TE would). */
    private boolean overLimit(HttpServerRequest request) {
        boolean refuse = tooManyRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        int limit = ordersPerSecond;
        if (!refuse && limit > 0 && request.method().name().equals("POST")) {
            int inThisSecond = ordersBySecond.computeIfAbsent(System.currentTimeMillis() / 1000,
                    s -> new AtomicInteger()).incrementAndGet();
            refuse = inThisSecond > limit;
            if (!refuse) {
                maxOrdersInOneSecond.accumulateAndGet(inThisSecond, Math::max);
            }
        }
        if (refuse) {
            ordersRefusedForLimit.incrementAndGet();
            request.response().putHeader("Retry-After", "1");
            reply(request, 429, error("too many requests"));
        }
        return refuse;
    }

    private void authorize(HttpServerRequest request) {
        if (!LOGIN.equals(request.getParam("login")) || !PASSWORD.equals(request.getParam("password"))) {
            reply(request, 200, error("invalid login or password"));
            return;
        }
        String token = "te-token-" + tokensIssued.incrementAndGet();
        validTokens.put(token, true);
        reply(request, 200, ok(MAPPER.createObjectNode().put("access_token", token)
                .put("expiration", Instant.now().plus(tokenLifetime).getEpochSecond())));
    }

    /** A refusal is a 400 with {@code errmsg}, as TE answers one. */
    private void orderAnswer(HttpServerRequest request, int status, java.util.function.Supplier<ObjectNode> data) {
        String errmsg = orderError;
        Runnable answer = () -> {
            if (errmsg != null) {
                reply(request, 400, error(errmsg));
            } else {
                reply(request, status, data.get());
            }
        };
        CompletableFuture<Void> gate = orderGate;
        if (gate != null) {
            ordersWaiting.incrementAndGet();
            gate.thenRun(() -> vertx.runOnContext(go -> {
                ordersWaiting.decrementAndGet();
                answer.run();
            }));
        } else if (orderDelay.isZero()) {
            answer.run();
        } else {
            vertx.setTimer(orderDelay.toMillis(), id -> answer.run());
        }
    }

    private static ObjectNode ok(JsonNode d) {
        ObjectNode envelope = MAPPER.createObjectNode().put("s", "ok");
        envelope.set("d", d);
        return envelope;
    }

    private static ObjectNode error(String errmsg) {
        return MAPPER.createObjectNode().put("s", "error").put("errmsg", errmsg);
    }

    private static void reply(HttpServerRequest request, int status, JsonNode body) {
        if (request.response().closed()) {
            return;
        }
        if (body == null) {
            request.response().setStatusCode(status).end();
            return;
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
