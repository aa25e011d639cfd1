package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What can be checked in the Dockerfiles without a container engine: pinned base images, a non-root user, the
 * service's real port, a health check that really probes the service's readiness endpoint (the check command is run
 * here against a stand-in endpoint), and a JVM whose heap and direct memory are bounded. Only JVM images are shipped:
 * no native-image Dockerfile may come back (docs/deployment.md says why).
 */
class DockerfileTest {

    /** registry/repository:tag where the tag starts with a version number (17.0.13_11-jre, 12.4.1-devel). */
    private static final Pattern VERSIONED_IMAGE = Pattern.compile("[a-z0-9./_-]+:v?\\d+(\\.\\d+)+[\\w.-]*");

    static Stream<Arguments> dockerfiles() {
        return Stream.of(
                Arguments.of(Platform.GATEWAY, "Dockerfile.jvm"),
                Arguments.of(Platform.TOKENIZER, "Dockerfile.jvm"),
                Arguments.of(Platform.INFERENCE, "Dockerfile.jvm"),
                Arguments.of(Platform.INFERENCE, "Dockerfile.cuda"));
    }

    static Dockerfile read(Platform service, String file) {
        Path path = RepositoryRoot.resolve(service.module() + "/src/main/docker/" + file);
        assertTrue(Files.isRegularFile(path), "missing " + path);
        return Dockerfile.read(path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void baseImagesArePinnedToVersions(Platform service, String file) {
        for (String image : read(service, file).externalImages()) {
            assertFalse(image.endsWith(":latest"), file + ": floating tag " + image);
            assertFalse(image.contains("${") || image.contains("$"), file + ": unresolved variable in " + image);
            assertTrue(VERSIONED_IMAGE.matcher(image).matches(), service.module() + "/" + file
                    + ": base image without an explicit version tag: " + image);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void imageRunsAsANonRootUser(Platform service, String file) {
        Dockerfile.Stage last = read(service, file).finalStage();
        String user = last.last("USER").orElseThrow(() -> new AssertionError(file + ": no USER in the final stage"))
                .arguments().trim();
        String uid = user.split(":")[0];
        assertFalse(uid.equals("root") || uid.equals("0"), service.module() + "/" + file + ": runs as " + user);
        assertTrue(uid.matches("\\d+"), file + ": numeric UID lets Kubernetes verify runAsNonRoot: " + user);
        assertEquals("1001", uid, file + ": the manifests run pods as UID 1001");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void imageExposesTheServicePort(Platform service, String file) {
        Dockerfile.Stage last = read(service, file).finalStage();
        List<String> exposed = last.all("EXPOSE").stream().flatMap(i -> Stream.of(i.arguments().trim().split("\\s+")))
                .toList();
        assertEquals(List.of(String.valueOf(service.port())), exposed, service.module() + "/" + file + " EXPOSE");
        assertEquals(String.valueOf(service.port()), last.env().get(service.portVariable()),
                file + ": " + service.portVariable());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void healthcheckProbesReadinessOnTheServicePort(Platform service, String file) throws Exception {
        Dockerfile.Stage last = read(service, file).finalStage();
        HealthcheckCommand check = HealthcheckCommand.fromDockerfile(last.last("HEALTHCHECK")
                .orElseThrow(() -> new AssertionError(file + ": no HEALTHCHECK")).arguments());
        String script = String.join(" ", check.argv());
        assertTrue(script.contains("${" + service.portVariable() + ":-" + service.port() + "}"),
                file + ": the check must default to port " + service.port() + ": " + script);
        try (HealthEndpointStub up = new HealthEndpointStub(200)) {
            int exit = check.run(Map.of(service.portVariable(), String.valueOf(up.port())));
            assertEquals(0, exit, file + ": healthy endpoint reported unhealthy by " + script);
            assertEquals(List.of(Platform.READY_PATH), up.requestedPaths(), file + ": probed paths");
        }
        try (HealthEndpointStub down = new HealthEndpointStub(503)) {
            assertTrue(check.run(Map.of(service.portVariable(), String.valueOf(down.port()))) != 0,
                    file + ": a DOWN (503) service must be unhealthy");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void javaRunsAsPidOneForGracefulShutdown(Platform service, String file) {
        String entrypoint = read(service, file).finalStage().last("ENTRYPOINT")
                .orElseThrow(() -> new AssertionError(file + ": no ENTRYPOINT")).arguments();
        assertTrue(entrypoint.trim().startsWith("["), file + ": ENTRYPOINT must use the exec form");
        assertTrue(entrypoint.contains("exec java $JAVA_OPTS"), file + ": SIGTERM must reach the JVM, which starts"
                + " with JAVA_OPTS: " + entrypoint);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dockerfiles")
    void jvmMemoryIsBoundedAndAnOutOfMemoryErrorEndsTheProcess(Platform service, String file) {
        JvmMemory jvm = JvmMemory.of(read(service, file));
        String where = service.module() + "/" + file + ": " + jvm.options();
        assertTrue(jvm.exitsOnOutOfMemory(), where + ": -XX:+ExitOnOutOfMemoryError lets the container restart");
        assertTrue(jvm.maxDirectMemoryBytes().isPresent(), where + ": direct buffers default to the heap size");
        if (service == Platform.INFERENCE) {
            assertTrue(jvm.fixedHeapBytes().isPresent() || jvm.heapPercentOfLimit().orElse(100.0) <= 25.0,
                    where + ": the model lives in native memory; the heap must stay small (a fixed -Xmx or <= 25 %)");
            assertTrue(jvm.fixedHeapBytes().orElse(0L) <= 1L << 30, where + ": a heap over 1 GiB takes the model's room");
        } else {
            double percent = jvm.heapPercentOfLimit().orElseThrow(() -> new AssertionError(where
                    + ": the heap should follow the container limit (-XX:MaxRAMPercentage)"));
            assertTrue(percent <= 60.0, where + ": heap + direct buffers + metaspace must stay within the limit");
        }
    }

    @Test
    void noNativeImageDockerfileIsShipped() throws Exception {
        for (Platform service : Platform.values()) {
            try (Stream<Path> files = Files.list(RepositoryRoot.resolve(service.module() + "/src/main/docker"))) {
                List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertFalse(names.stream().anyMatch(n -> n.contains("native")), service.module() + ": " + names
                        + " (native images are not offered: docs/deployment.md, \"Native images\")");
            }
        }
    }
}
