# tradehook image: built from source in a Maven stage, run from a JRE as a non-root user.
#   docker build -t tradehook .
# Routes and schemas are copied in as defaults; compose and Kubernetes mount their own over them.

FROM maven:3.9.11-eclipse-temurin-25 AS build
WORKDIR /src
# dependencies first: a layer that only changes with pom.xml
COPY pom.xml .
RUN mvn -B -q dependency:resolve
COPY src src
# the tests need the embedded PostgreSQL and run in CI (mvn -B verify), not in the image build
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:25.0.3_9-jre
# curl for the health check only
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin tradehook
WORKDIR /app
COPY --from=build /src/target/lib/ lib/
COPY --from=build /src/target/tradehook.jar tradehook.jar
COPY routes/ routes/
COPY schemas/ schemas/
# the one folder the gateway's user may write to: the class data sharing archive, made below
RUN install -d -o tradehook cds
USER tradehook
# public webhook port, management port (health and metrics: keep it off the internet)
EXPOSE 8080 9876
# The JVM's memory, as the Kubernetes manifest limits it (768 MiB):
# - the collector is named, not left to the JVM: under a limit below 1,792 MB it picks Serial, on a larger machine G1,
#   so the bench, on a larger machine, measured another collector than the one deployed. G1: over candle closes on two
#   cores Parallel spent the same CPU within the noise, Serial more; G1 keeps the shortest pauses and the least memory
#   (docs/performance.md);
# - the heap may take 40 % of the limit: at 75 % a collector may grow it over candle closes until the gateway holds
#   all of the limit (750 MB of 768 MiB measured with Serial); what a close keeps alive fits in ~50 MB;
# - native memory the JVM frees (the JIT compiler's arenas) goes back to the system every second instead of staying
#   in glibc's heap (~40 MB measured after a burst), and glibc keeps two malloc arenas, not eight per core.
# Netty (Vert.x) loads its epoll transport and uses sun.misc.Unsafe, which Java 25 allows but warns about on every
# start. bench/run.sh starts the gateway with these two lines, read from here
ENV MALLOC_ARENA_MAX=2
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAMPercentage=40 -XX:TrimNativeHeapInterval=1000 --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# Class data sharing: a start during the build (on an embedded database it is told to start, its binaries unpacked
# under a home in /tmp since /app is not the user's to write, stopped a second after it started) writes
# the classes it loaded to an archive; every container maps them instead of reading and verifying them again (start
# to first answer 5.5 s -> 3.5 s, docs/performance.md). Should the training start fail, there is no archive and the
# gateway starts as before: the JVM skips a missing archive.
RUN timeout 300 java -XX:ArchiveClassesAtExit=cds/tradehook.jsa -Dcamel.main.duration-max-seconds=1 \
        -Dtradehook.db.embedded=true -Duser.home=/tmp/tradehook-home -Dtradehook.db.data-dir=/tmp/tradehook-training \
        -jar tradehook.jar > /tmp/training.log 2>&1 \
     || echo "no class data sharing archive: the training start failed" >&2; \
    rm -rf /tmp/tradehook-training /tmp/tradehook-home /tmp/training.log /tmp/embedded-pg
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:9876/observe/health/ready > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=cds/tradehook.jsa", "-jar", "tradehook.jar"]
