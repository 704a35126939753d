package io.tradehook.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures what the process logs while it is open: every log4j2 event (message, MDC and stack trace), every
 * java.util.logging record (Vert.x and the JDK log there) but the test's own HTTP client's, and anything written
 * straight to System.out or System.err. Loggers named at start log at DEBUG until it closes ({@code ""}: the root).
 */
public final class LogCapture implements AutoCloseable {

    private static final String NAME = "test-capture";
    private final StringWriter events = new StringWriter();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final WriterAppender appender;
    private final Map<String, Level> levelsBefore = new HashMap<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level julLevelBefore = julRoot.getLevel();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // the test's own HTTP client logs the URLs it calls: that is the sender's side, not the gateway's
            String logger = String.valueOf(record.getLoggerName());
            if (!logger.startsWith("jdk.") && !logger.startsWith("java.net.http")) {
                synchronized (LogCapture.this) {
                    events.write(record.getMessage() + " " + Arrays.toString(record.getParameters()) + "\n");
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String... debugLoggers) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        for (String logger : debugLoggers) {
            levelsBefore.put(logger, context.getConfiguration().getLoggerConfig(logger).getLevel());
            Configurator.setLevel(logger, Level.DEBUG);
        }
        appender = WriterAppender.newBuilder()
                .setName(NAME)
                .setTarget(events)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %X %throwable%n").build())
                .build();
        appender.start();
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        julRoot.addHandler(julHandler);
        julRoot.setLevel(java.util.logging.Level.ALL);
        System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, console), true, StandardCharsets.UTF_8));
    }

    public static LogCapture start(String... debugLoggers) {
        return new LogCapture(debugLoggers);
    }

    /** Everything captured so far. */
    public synchronized String text() {
        return events + console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(NAME);
        context.updateLoggers();
        appender.stop();
        Configurator.setLevel(levelsBefore);
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(julLevelBefore);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
