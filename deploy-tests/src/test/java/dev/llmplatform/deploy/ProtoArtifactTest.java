package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The proto-java module's artifact is what an internal service written in Java depends on to call the platform over
 * gRPC: its jar holds the protobuf messages and grpc-java stubs generated from the contract (not the Quarkus-only
 * Mutiny classes), and the pom it installs names no parent and a version for every dependency, so it resolves outside
 * this build. The module builds before this one.
 */
class ProtoArtifactTest {

    private static final Path MODULE = RepositoryRoot.resolve("proto-java");

    @Test
    void theJarHoldsTheGrpcJavaStubsOfBothServices() throws IOException {
        Path jar;
        try (var files = Files.list(MODULE.resolve("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("proto-java-.*\\.jar")).toList();
            assertEquals(1, jars.size(), "one jar in proto-java/target (build the proto-java module first): " + jars);
            jar = jars.get(0);
        }
        Set<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(e -> e.getName()).collect(Collectors.toSet());
        }
        for (String expected : List.of("dev/llmplatform/proto/inference/v1/InferenceServiceGrpc.class",
                "dev/llmplatform/proto/inference/v1/GenerateRequest.class",
                "dev/llmplatform/proto/tokenizer/v1/TokenizerServiceGrpc.class")) {
            assertTrue(entries.contains(expected), jar + " lacks " + expected);
        }
        assertFalse(entries.stream().anyMatch(e -> e.contains("Mutiny")), "no Quarkus Mutiny stubs in " + jar);
    }

    @Test
    void theInstalledPomResolvesWithoutTheParent() throws Exception {
        Path pom = MODULE.resolve(".flattened-pom.xml");
        assertTrue(Files.isRegularFile(pom), "the flattened pom the proto-java build installs: " + pom);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = document.getDocumentElement();
        assertEquals(0, project.getElementsByTagName("parent").getLength(), "no parent in " + pom);
        assertEquals("dev.llmplatform", text(project, "groupId"));
        assertEquals("proto-java", text(project, "artifactId"));
        NodeList dependencies = project.getElementsByTagName("dependency");
        assertTrue(dependencies.getLength() >= 3, "protobuf-java, grpc-protobuf, grpc-stub");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String version = text(dependency, "version");
            assertTrue(version.matches("\\d+(\\.\\d+)+"), text(dependency, "artifactId") + " has version '" + version
                    + "', not a literal one");
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
