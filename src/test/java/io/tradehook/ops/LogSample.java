package io.tradehook.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one line and one failure with a stack trace, for {@link LogFormatTest} to read from a child JVM. */
public final class LogSample {

    private static final Logger LOG = LoggerFactory.getLogger(LogSample.class);

    private LogSample() {
    }

    public static void main(String[] args) {
        LOG.info("gateway started on port {}", 8080);
        LOG.error("webhook failed", new IllegalStateException("broker said \"no\""));
    }
}
