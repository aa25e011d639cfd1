package dev.llmplatform.testkit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmplatform.testkit.await.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher on a real child JVM: a jar holding {@link FakeService}, started as the packaged services are. */
class ServiceProcessTest {

    private static final Duration READY = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static Path jar;

    @BeforeAll
    static void buildJar() throws IOException {
        jar = dir.resolve("fake-service.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static ServiceProcess fake(String name, Map<String, String> properties) {
        return new ServiceProcess(name, jar, ServiceProcess.freePort(), properties, Map.of("FAKE_ENV", "from-env"),
                dir.resolve("logs"));
    }

    @Test
    void startsWithPropertiesAndEnvironmentAndLogsItsOutput() {
        try (ServiceProcess service = fake("plain", Map.of("fake.greeting", "hello"))) {
            service.start().awaitReady(READY);
            assertEquals(200, service.readyStatus());
            assertTrue(service.isAlive());
            assertEquals(dir.resolve("logs").resolve("plain.log"), service.log());
            assertTrue(service.logTail(10).contains("fake service: port=" + service.port()
                    + " property=hello env=from-env"), service.logTail(10));
            assertEquals("127.0.0.1:" + service.port(), service.address());
            assertEquals("http://127.0.0.1:" + service.port(), service.baseUrl());
        }
    }

    @Test
    void readsTheResidentMemoryOfItsProcess() {
        try (ServiceProcess service = fake("memory", Map.of())) {
            assertTrue(service.pid().isEmpty(), "no pid before the start");
            service.start().awaitReady(READY);
            long rss = service.rssKib().orElseThrow();
            assertTrue(rss > 10_000, "a JVM is bigger than 10 MiB, got " + rss + " KiB");
            assertTrue(service.peakRssKib().orElseThrow() >= rss);
            assertTrue(ProcessHandle.of(service.pid().orElseThrow()).isPresent());
        }
    }

    @Test
    void closeSendsSigtermSoTheServiceShutsDownInOrder() {
        ServiceProcess service = fake("sigterm", Map.of());
        service.start().awaitReady(READY);
        service.close();
        assertFalse(service.isAlive());
        assertTrue(service.logTail(5).contains("fake service: stopping"), "the shutdown hook ran: "
                + service.logTail(5));
        assertEquals(-1, service.readyStatus());
    }

    @Test
    void terminateSignalsAndLeavesTheWaitToTheCaller() {
        try (ServiceProcess service = fake("terminate", Map.of())) {
            service.start().awaitReady(READY);
            service.pause();
            service.terminate();
            Await.until(() -> !service.isAlive(), READY, "the process exits after SIGTERM, paused or not");
            assertTrue(service.logTail(5).contains("fake service: stopping"), service.logTail(5));
        }
    }

    @Test
    void killedItRestartsOnTheSamePortAppendingToItsLog() {
        try (ServiceProcess service = fake("restart", Map.of())) {
            service.start().awaitReady(READY);
            long firstPid = service.pid().orElseThrow();
            service.kill();
            assertFalse(service.isAlive());
            assertEquals(-1, service.readyStatus());
            assertFalse(service.logTail(5).contains("stopping"), "SIGKILL runs no shutdown hook");
            service.restart(READY);
            assertEquals(200, service.readyStatus());
            assertTrue(service.pid().orElseThrow() != firstPid);
            assertEquals(2, service.logTail(50).lines().filter(l -> l.equals("fake service: started")).count());
        }
    }

    @Test
    void pausedItAnswersNothingUntilResumed() {
        try (ServiceProcess service = fake("pause", Map.of())) {
            service.start().awaitReady(READY);
            service.pause();
            assertTrue(service.isAlive(), "a stopped process is still there");
            assertEquals(-1, service.readyStatus(), "a stopped process answers nothing");
            service.resume();
            Await.until(() -> service.readyStatus() == 200, READY, "readiness after SIGCONT");
        }
    }

    @Test
    void aPausedServiceStillStopsOnClose() {
        ServiceProcess service = fake("pause-close", Map.of());
        service.start().awaitReady(READY);
        service.pause();
        service.close();
        assertFalse(service.isAlive());
        assertTrue(service.logTail(5).contains("fake service: stopping"), service.logTail(5));
    }

    @Test
    void aServiceThatExitsBeforeReadyFailsWithItsLog() {
        try (ServiceProcess service = fake("exits", Map.of("fake.exit", "3"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.start()
                    .awaitReady(READY));
            assertTrue(e.getMessage().contains("exits exited with 3 before it was ready"), e.getMessage());
            assertTrue(e.getMessage().contains("fake service: giving up with 3"), "the log's end is in the message: "
                    + e.getMessage());
        }
    }

    @Test
    void aServiceNeverReadyTimesOutOrIsGivenUpOnByTheCaller() {
        try (ServiceProcess service = fake("never-ready", Map.of("fake.ready", "false"))) {
            service.start();
            IllegalStateException timeout = assertThrows(IllegalStateException.class,
                    () -> service.awaitReady(Duration.ofMillis(300)));
            assertTrue(timeout.getMessage().contains("never-ready not ready on port " + service.port()),
                    timeout.getMessage());
            UnsupportedOperationException refused = new UnsupportedOperationException("refused");
            UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class,
                    () -> service.awaitReady(READY, status -> {
                        if (status == 503) {
                            throw refused;
                        }
                    }));
            assertSame(refused, thrown, "the caller's exception comes through unchanged");
        }
    }

    @Test
    void aSecondStartWhileRunningIsRefused() {
        try (ServiceProcess service = fake("twice", Map.of())) {
            service.start();
            assertThrows(IllegalStateException.class, service::start);
        }
    }
}
