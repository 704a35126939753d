package io.tradehook.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Features import each other one way only, and the shared types ({@code common}) import no feature: a newcomer can
 * read a package knowing only what it imports. Read from the sources' import lines.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/tradehook");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.tradehook\\.(?:([a-z]+)\\.)?[A-Z]",
            Pattern.MULTILINE);

    @Test
    void no_two_packages_import_each_other_directly_or_through_others() throws IOException {
        Map<String, Set<String>> imports = imports();
        List<String> cycles = new ArrayList<>();
        for (String from : imports.keySet()) {
            for (String to : imports.get(from)) {
                if (reaches(imports, to, from, new HashSet<>())) {
                    cycles.add(from + " -> " + to);
                }
            }
        }
        assertThat(cycles).as("imports that close a cycle").isEmpty();
    }

    @Test
    void the_shared_types_import_no_feature() throws IOException {
        assertThat(imports().getOrDefault("common", Set.of())).isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> imports, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return imports.getOrDefault(from, Set.of()).stream().anyMatch(next -> reaches(imports, next, to, seen));
    }

    /** package -> the other packages of the gateway it imports ("" is io.tradehook itself). */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                Path dir = SOURCES.relativize(file.getParent());
                String pkg = dir.toString().replace('/', '.');
                Set<String> to = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    String other = m.group(1) == null ? "" : m.group(1);
                    if (!other.equals(pkg)) {
                        to.add(other);
                    }
                }
            });
        }
        return imports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
