package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The gateway is published through an Ingress fit for long-lived SSE and WebSocket streams; it alone may read the
 * service-discovery objects of the Kubernetes API; secrets come from the operator-made Secret, and the command in
 * docs/deployment.md creates every key a pod needs.
 */
class IngressAndAccessTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** A chat stream may stay open this long without a byte in one direction. */
    private static final int MIN_STREAM_TIMEOUT_SECONDS = 3600;
    private static final String NGINX = "nginx.ingress.kubernetes.io/";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressRoutesToTheGatewayWithStreamingTimeouts(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Ingress> ingresses = rendered.all(Ingress.class);
        assertEquals(1, ingresses.size(), overlay + ": Ingresses");
        Ingress ingress = ingresses.get(0);
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            int seconds = Integer.parseInt(annotations.getOrDefault(NGINX + timeout, "60"));
            assertTrue(seconds >= MIN_STREAM_TIMEOUT_SECONDS, timeout + " " + seconds + " s cuts SSE/WebSocket streams");
        }
        assertEquals("off", annotations.get(NGINX + "proxy-buffering"), "buffering delays streamed tokens");
        assertFalse(ingress.getSpec().getTls().isEmpty(), "the API keys travel in headers: TLS required");
        IngressBackend backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend();
        Service service = rendered.get(Service.class, backend.getService().getName());
        Deployment gateway = rendered.get(Deployment.class, "gateway");
        assertTrue(RenderedOverlay.podLabels(gateway).entrySet().containsAll(service.getSpec().getSelector()
                .entrySet()), "the Ingress must reach the gateway's pods");
        String portName = backend.getService().getPort().getName();
        int port = service.getSpec().getPorts().stream().filter(p -> p.getName().equals(portName))
                .findFirst().orElseThrow().getPort();
        assertEquals(Platform.GATEWAY.port(), port, "Ingress backend port");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayMayReadServiceDiscoveryObjectsOfItsNamespace(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String account = rendered.get(Deployment.class, "gateway").getSpec().getTemplate().getSpec()
                .getServiceAccountName();
        RoleBinding binding = rendered.all(RoleBinding.class).stream()
                .filter(b -> b.getSubjects().stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                        && account.equals(s.getName())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no RoleBinding for ServiceAccount " + account));
        assertEquals("Role", binding.getRoleRef().getKind(), "namespace-scoped, not a ClusterRole");
        Role role = rendered.get(Role.class, binding.getRoleRef().getName());
        assertGrants(role, "", "endpoints");
        assertGrants(role, "", "pods");
        assertGrants(role, "discovery.k8s.io", "endpointslices");
        for (PolicyRule rule : role.getRules()) {
            assertTrue(Set.of("get", "list", "watch").containsAll(rule.getVerbs()), "read-only: " + rule.getVerbs());
        }
    }

    private static void assertGrants(Role role, String apiGroup, String resource) {
        boolean granted = role.getRules().stream().anyMatch(r -> r.getApiGroups().contains(apiGroup)
                && r.getResources().contains(resource) && r.getVerbs().containsAll(List.of("get", "list", "watch")));
        assertTrue(granted, role.getMetadata().getName() + " lacks get/list/watch on " + resource);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyTheGatewayMountsAnApiToken(String overlay) {
        for (Workload workload : RenderedOverlay.of(overlay).platformWorkloads()) {
            PodSpec pod = workload.pod();
            if (!"gateway".equals(workload.name())) {
                assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(),
                        workload.describe(overlay) + " needs no Kubernetes API token");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void secretsComeFromTheOperatorMadeSecret(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Container gateway = rendered.get(Deployment.class, "gateway").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        EnvVar apiKeys = Containers.secretEnv(gateway, "GATEWAY_API_KEYS")
                .orElseThrow(() -> new AssertionError("GATEWAY_API_KEYS must come from a Secret"));
        assertEquals(Platform.SECRET, apiKeys.getValueFrom().getSecretKeyRef().getName());
        assertTrue(apiKeys.getValueFrom().getSecretKeyRef().getOptional() == null
                || !apiKeys.getValueFrom().getSecretKeyRef().getOptional(), "the gateway must not start without keys");
        for (Workload workload : rendered.platformWorkloads()) {
            Container container = workload.container();
            EnvVar grpcToken = Containers.secretEnv(container, "LLM_GRPC_TOKEN").orElseThrow(() -> new AssertionError(
                    workload.describe(overlay) + ": LLM_GRPC_TOKEN must come from the Secret"));
            assertEquals(Platform.SECRET, grpcToken.getValueFrom().getSecretKeyRef().getName());
            assertEquals("grpc-token", grpcToken.getValueFrom().getSecretKeyRef().getKey());
            assertFalse(Boolean.TRUE.equals(grpcToken.getValueFrom().getSecretKeyRef().getOptional()),
                    workload.describe(overlay) + ": without the token the gRPC ports would be open to every caller");
            if (workload.service().orElseThrow() != Platform.GATEWAY) {
                EnvVar token = Containers.secretEnv(container, "HF_TOKEN").orElseThrow(() -> new AssertionError(
                        workload.describe(overlay) + ": HF_TOKEN must come from a Secret"));
                assertEquals(Platform.SECRET, token.getValueFrom().getSecretKeyRef().getName());
                assertEquals(Boolean.TRUE, token.getValueFrom().getSecretKeyRef().getOptional(),
                        workload.describe(overlay) + ": the HF token is only needed for gated repositories");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDocumentedSecretCommandCreatesEveryRequiredKey(String overlay) throws IOException {
        String docs = Files.readString(RepositoryRoot.resolve("docs/deployment.md"));
        int command = docs.indexOf("create secret generic " + Platform.SECRET);
        assertTrue(command >= 0, "docs/deployment.md must show how to create " + Platform.SECRET);
        String block = docs.substring(command, docs.indexOf("```", command));
        Set<String> documented = new HashSet<>();
        Matcher key = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=").matcher(block);
        while (key.find()) {
            documented.add(key.group(1));
        }
        for (Workload workload : RenderedOverlay.of(overlay).workloads()) {
            for (EnvVar variable : workload.container().getEnv()) {
                SecretKeySelector ref = variable.getValueFrom() == null ? null
                        : variable.getValueFrom().getSecretKeyRef();
                if (ref != null) {
                    assertEquals(Platform.SECRET, ref.getName(), workload.describe(overlay));
                    assertTrue(documented.contains(ref.getKey()), workload.describe(overlay) + " reads key "
                            + ref.getKey() + ", which the documented command does not create: " + documented);
                }
            }
        }
    }
}
