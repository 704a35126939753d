package io.tradehook.te;

import java.time.Duration;
import java.util.Optional;

import io.tradehook.common.Settings;

/** The {@code tradehook.te.*} settings. */
record TeSettings(String url, Optional<String> caFile, Optional<String> login, Optional<String> password,
                  Optional<String> token, long connectTimeoutMs, long callTimeoutMs, long budgetMs, Duration cacheTtl, Duration unknownHold,
                  String defaultValidity, int connections, int ordersPerSecond, Breaker breaker) {

    /** The circuit breaker's {@code tradehook.te.breaker.*}. */
    record Breaker(int failureRate, int window, int minimumCalls, int openSeconds, int probeCalls) {
    }

    static TeSettings of(Settings settings) {
        String url = settings.get("tradehook.te.url").orElseThrow(() ->
                new IllegalStateException("tradehook.te.url is required when tradehook.broker is te"));
        TeSettings te = new TeSettings(url,
                settings.get("tradehook.te.ca-file"),
                settings.get("tradehook.te.login"),
                settings.get("tradehook.te.password"),
                settings.get("tradehook.te.token"),
                settings.getInt("tradehook.te.connect-timeout-ms", 500),
                settings.getInt("tradehook.te.call-timeout-ms", 1500),
                settings.getInt("tradehook.te.budget-ms", 2200),
                settings.getDuration("tradehook.te.cache-ttl", Duration.ofMinutes(5)),
                settings.getDuration("tradehook.te.unknown-hold", Duration.ofMinutes(2)),
                settings.get("tradehook.te.default-validity", "DAY"),
                settings.getInt("tradehook.te.connections", 200),
                settings.getInt("tradehook.te.orders-per-second", 0),
                new Breaker(settings.getInt("tradehook.te.breaker.failure-rate", 50),
                        settings.getInt("tradehook.te.breaker.window", 20),
                        settings.getInt("tradehook.te.breaker.minimum-calls", 10),
                        settings.getInt("tradehook.te.breaker.open-seconds", 10),
                        settings.getInt("tradehook.te.breaker.probe-calls", 2)));
        if (te.token.isEmpty() && (te.login.isEmpty() || te.password.isEmpty())) {
            throw new IllegalStateException(
                    "the te broker needs tradehook.te.token, or tradehook.te.login and tradehook.te.password");
        }
        if (te.connections < 1) {
            throw new IllegalStateException("tradehook.te.connections must be at least 1");
        }
        if (te.callTimeoutMs > te.budgetMs) {
            throw new IllegalStateException("tradehook.te.call-timeout-ms must not exceed tradehook.te.budget-ms");
        }
        return te;
    }

    /** Never print the credentials: this record may end up in a log line by accident. */
    @Override
    public String toString() {
        return "TeSettings[url=" + url + ", callTimeoutMs=" + callTimeoutMs + ", budgetMs=" + budgetMs
                + ", connections=" + connections + ", ordersPerSecond=" + ordersPerSecond + "]";
    }
}
