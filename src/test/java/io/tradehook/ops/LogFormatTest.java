package io.tradehook.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The production logging configuration ({@code src/main/resources/log4j2.properties}) in a JVM of its own: text
 * lines by default, one parseable JSON object per line with {@code TRADEHOOK_LOG_FORMAT=json}.
 */
class LogFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void default_format_is_human_readable_text() throws Exception {
        List<String> lines = run(null);
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(".*INFO .*LogSample - gateway started on port 8080"));
        assertThat(lines.get(0)).doesNotStartWith("{");
    }

    @Test
    void json_switch_writes_one_json_object_per_line_stack_traces_included() throws Exception {
        List<String> lines = run("json");
        assertThat(lines).hasSize(2);
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(MAPPER.readTree(line));
        }
        assertThat(events.get(0).path("message").asText()).isEqualTo("gateway started on port 8080");
        assertThat(events.get(0).path("log.level").asText()).isEqualTo("INFO");
        assertThat(events.get(0).path("log.logger").asText()).isEqualTo(LogSample.class.getName());
        assertThat(events.get(1).path("error.message").asText()).isEqualTo("broker said \"no\"");
        assertThat(events.get(1).path("error.stack_trace").asText()).contains("LogSample.main");
    }

    /** Runs {@link LogSample} with the main configuration (not the test one), returns its stdout lines. */
    private static List<String> run(String format) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.properties").toAbsolutePath(),
                LogSample.class.getName());
        builder.environment().remove("TRADEHOOK_LOG_FORMAT");
        if (format != null) {
            builder.environment().put("TRADEHOOK_LOG_FORMAT", format);
        }
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
