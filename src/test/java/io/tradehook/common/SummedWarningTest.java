package io.tradehook.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tradehook.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A warning thousands of alerts share is one line a second, saying how many times it happened. */
class SummedWarningTest {

    private static final String MESSAGE = "TE calls not sent: summed-warning-test";

    @Test
    void a_burst_of_the_same_warning_is_one_line_a_second_with_its_count() {
        AtomicLong clock = new AtomicLong(1_000_000);
        SummedWarning warning = new SummedWarning(LoggerFactory.getLogger(SummedWarningTest.class), MESSAGE, clock::get);
        String logs;
        try (LogCapture capture = LogCapture.start()) {
            warning.happened();
            for (int i = 0; i < 2_500; i++) {
                warning.happened();
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
            warning.happened();
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            warning.happened();
            logs = capture.text();
        }

        assertThat(logs.lines().filter(line -> line.contains(MESSAGE))
                .map(line -> line.substring(line.indexOf(MESSAGE) + MESSAGE.length(), line.indexOf(')') + 1)))
                .containsExactly(" (1 time since the last such line)", " (2502 times since the last such line)");
    }
}
