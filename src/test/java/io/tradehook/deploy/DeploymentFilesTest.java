package io.tradehook.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator reads must agree with what runs: the configuration table of docs/configuration.md with
 * application.properties, the compose file and the Kubernetes manifests with the docs and the management port, the
 * kustomize lists with the files in routes/ and schemas/.
 */
class DeploymentFilesTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void every_property_is_in_the_configuration_table_with_its_environment_variable_and_default() throws IOException {
        Map<String, String[]> table = configurationTable();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("tradehook.") && !key.equals("camel.server.port") && !key.startsWith("camel.management.")) {
                continue;
            }
            String value = properties.getProperty(key).trim();
            // {{env:CAMEL_SERVER_PORT:8080}}: the environment variable and default Camel main would not read itself
            Matcher env = Pattern.compile("^\\{\\{env:([A-Z_]+):(.*)}}$").matcher(value);
            if (env.matches()) {
                assertThat(table).as("configuration row for " + key).containsKey(key);
                assertThat(table.get(key)[0]).isEqualTo(env.group(1));
                value = env.group(2);
            } else if (!key.startsWith("tradehook.")) {
                continue; // Camel's own switches, set here once
            }
            assertThat(table).as("configuration row for " + key).containsKey(key);
            if (!value.isEmpty() && !value.contains("{{")) {
                assertThat(table.get(key)[1]).as("documented default of " + key).isEqualTo("`" + value + "`");
            }
        }
        table.forEach((key, row) -> assertThat(row[0]).as("environment variable of " + key)
                .isEqualTo(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compose_wires_postgres_and_tradehook_by_documented_variables_with_health_on_the_management_port() throws IOException {
        Map<String, Object> compose = yaml(Path.of("docker-compose.yml")).get(0);
        Map<String, Object> services = map(compose, "services");
        Map<String, Object> postgres = map(services, "postgres");
        assertThat((String) postgres.get("image")).matches("postgres:\\d+\\.\\d+");
        assertThat(map(postgres, "healthcheck").get("test").toString()).contains("pg_isready");
        assertThat((List<?>) postgres.get("volumes")).anySatisfy(v -> assertThat(v.toString()).contains("/var/lib/postgresql/data"));

        Map<String, Object> tradehook = map(services, "tradehook");
        assertThat(tradehook.get("build")).isEqualTo(".");
        assertThat(map(map(tradehook, "depends_on"), "postgres").get("condition")).isEqualTo("service_healthy");
        assertThat(map(tradehook, "healthcheck").get("test").toString()).contains("http://localhost:9876/observe/health/ready");
        assertThat((List<Object>) tradehook.get("volumes")).contains("./routes:/app/routes:ro", "./schemas:/app/schemas:ro");
        assertThat((List<Object>) tradehook.get("ports")).contains("8080:8080", "127.0.0.1:9876:9876");
        Map<String, Object> environment = map(tradehook, "environment");
        assertThat(environment).containsEntry("TRADEHOOK_DB_URL", "jdbc:postgresql://postgres:5432/tradehook")
                .containsEntry("CAMEL_MANAGEMENT_PORT", "9876");
        assertDocumented(environment.keySet());

        String operations = Files.readString(Path.of("docs/operations.md"));
        assertThat(operations).contains("| `postgres` | `" + postgres.get("image") + "` |");
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("USER tradehook", "http://localhost:9876/observe/health/ready", "EXPOSE 8080 9876");
        // the container starts with the class data sharing archive the build's training start wrote, in the folder
        // its user may write to
        assertThat(dockerfile).contains("RUN install -d -o tradehook cds", "-XX:ArchiveClassesAtExit=cds/tradehook.jsa",
                "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=cds/tradehook.jsa\", \"-jar\", \"tradehook.jar\"]");
    }

    @Test
    void kubernetes_runs_replicas_with_probes_on_the_management_port_and_the_password_from_a_secret() throws IOException {
        Map<String, Object> deployment = yaml(Path.of("deploy/k8s/deployment.yaml")).get(0);
        Map<String, Object> spec = map(deployment, "spec");
        assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = container(deployment);
        assertThat(list(container, "ports")).contains(Map.of("name", "management", "containerPort", 9876));
        assertThat(map(container, "readinessProbe").get("httpGet")).isEqualTo(Map.of("path", "/observe/health/ready", "port", "management"));
        assertThat(map(container, "livenessProbe").get("httpGet")).isEqualTo(Map.of("path", "/observe/health/live", "port", "management"));
        assertThat(map(container, "resources")).containsKeys("requests", "limits");
        Map<String, Object> password = list(container, "env").get(0);
        assertThat(password.get("name")).isEqualTo("TRADEHOOK_DB_PASSWORD");
        assertThat(map(map(password, "valueFrom"), "secretKeyRef")).containsEntry("name", "tradehook-db");

        Map<String, Object> config = yaml(Path.of("deploy/k8s/configmap.yaml")).get(0);
        assertDocumented(map(config, "data").keySet());
        assertThat(map(config, "data")).doesNotContainKey("TRADEHOOK_DB_PASSWORD");
        assertThat(yaml(Path.of("deploy/k8s/service.yaml")).get(0)).isNotNull();
    }

    @Test
    void the_image_names_its_collector_and_sizes_its_heap_for_the_limit_compose_and_kubernetes_give_it() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher options = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"(.*)\"$").matcher(dockerfile);
        assertThat(options.find()).as("JAVA_TOOL_OPTIONS on one line, as bench/run.sh reads it").isTrue();
        List<String> flags = List.of(options.group(1).split(" "));
        // left to itself the JVM picks Serial under the manifest's limit and G1 on a larger machine: the bench, which
        // runs on one, would measure another collector than the one deployed
        assertThat(flags).filteredOn(flag -> flag.matches("-XX:\\+Use\\w+GC")).hasSize(1);
        assertThat(flags).anyMatch(flag -> flag.matches("-XX:MaxRAMPercentage=\\d+"));
        assertThat(dockerfile).containsPattern("(?m)^ENV MALLOC_ARENA_MAX=\\d+$");

        Map<String, Object> deployment = yaml(Path.of("deploy/k8s/deployment.yaml")).get(0);
        Object kubernetesLimit = map(map(container(deployment), "resources"), "limits").get("memory");
        Map<String, Object> compose = composeGateway();
        // the heap is a share of the limit: compose runs the gateway under the manifest's (Mi there, m here)
        assertThat(compose.get("mem_limit") + "i").isEqualToIgnoringCase(kubernetesLimit.toString());
    }

    @Test
    void kustomize_config_maps_list_every_route_and_schema_file() throws IOException {
        Map<String, Object> kustomization = yaml(Path.of("deploy/k8s/kustomization.yaml")).get(0);
        Map<String, List<String>> generated = new LinkedHashMap<>();
        for (Map<String, Object> generator : list(kustomization, "configMapGenerator")) {
            @SuppressWarnings("unchecked")
            List<String> files = (List<String>) generator.get("files");
            generated.put((String) generator.get("name"), files);
        }
        assertThat(generated.get("tradehook-routes")).containsExactlyInAnyOrderElementsOf(files("routes", ".camel.yaml"));
        assertThat(generated.get("tradehook-broker-routes")).containsExactlyInAnyOrderElementsOf(files("routes/brokers", ".camel.yaml"));
        assertThat(generated.get("tradehook-schemas")).containsExactlyInAnyOrderElementsOf(files("schemas", ".json"));
    }

    @Test
    void only_the_developer_run_command_starts_an_embedded_database_and_the_demo_user() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        // the jar's and the image's defaults: no URL means no start (DatabaseStartTest), never a database of its own
        assertThat(properties.getProperty("tradehook.db.embedded").trim()).isEqualTo("false");
        assertThat(properties.getProperty("tradehook.db.demo-user").trim()).isEqualTo("false");
        // mvn -q compile exec:exec, the README's run command on a developer's machine, asks for both
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("-Dtradehook.db.embedded=true -Dtradehook.db.demo-user=true -classpath %classpath");
        // the image runs with neither; only its build-time training start is told to embed
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT"));
        assertThat(entrypoint).doesNotContain("embedded").doesNotContain("demo-user");
        assertThat(dockerfile).doesNotContain("TRADEHOOK_DB_EMBEDDED").doesNotContain("demo-user=true");
        Map<String, Object> compose = composeGateway();
        assertThat(map(compose, "environment")).doesNotContainKeys("TRADEHOOK_DB_EMBEDDED", "TRADEHOOK_DB_DEMO_USER")
                .containsKey("TRADEHOOK_DB_URL");
        assertThat(Files.readString(Path.of("deploy/k8s/configmap.yaml"))).doesNotContain("EMBEDDED")
                .doesNotContain("DEMO_USER").contains("TRADEHOOK_DB_URL");
    }

    private static void assertDocumented(Iterable<String> variables) throws IOException {
        List<String> documented = configurationTable().values().stream().map(row -> row[0]).toList();
        for (String variable : variables) {
            assertThat(documented).as("docs/configuration.md documents " + variable).contains(variable);
        }
    }

    /** property -> [environment variable, default cell]. */
    private static Map<String, String[]> configurationTable() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/configuration.md")));
        while (row.find()) {
            rows.put(row.group(1), new String[] {row.group(2), row.group(3).trim()});
        }
        return rows;
    }

    private static List<String> files(String folder, String suffix) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .forEach(f -> names.add("../../" + folder + "/" + f.getFileName()));
        }
        return names;
    }

    /** The gateway's service in docker-compose.yml. */
    private static Map<String, Object> composeGateway() throws IOException {
        return map(map(yaml(Path.of("docker-compose.yml")).get(0), "services"), "tradehook");
    }

    /** The gateway's container in the Kubernetes Deployment. */
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return list(map(map(map(deployment, "spec"), "template"), "spec"), "containers").get(0);
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                documents.add(cast(document));
            }
        }
        return documents;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (List<Map<String, Object>>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
