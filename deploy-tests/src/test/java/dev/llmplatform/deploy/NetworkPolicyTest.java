package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Ingress is denied by default; the tokenizer and inference ports are reachable only from the gateway, from pods
 * with the agreed client label and from the monitoring namespace (metrics); every workload's port is opened.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = RenderedOverlay.NAMES;

    /** Namespaces allowed as a whole: Prometheus scrapes /q/metrics from there. */
    private static final Set<String> TRUSTED_NAMESPACES = Set.of("monitoring");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void ingressIsDeniedByDefault(String overlay) {
        List<NetworkPolicy> denyAll = RenderedOverlay.of(overlay).all(NetworkPolicy.class).stream()
                .filter(p -> isEmpty(p.getSpec().getPodSelector()))
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                .toList();
        assertEquals(1, denyAll.size(), overlay + ": one default-deny ingress policy selecting every pod");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void grpcServicesAdmitOnlyTheGatewayLabelledClientsAndMonitoring(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Deployment> grpcServices = new java.util.ArrayList<>(rendered.inferenceDeployments());
        grpcServices.add(rendered.get(Deployment.class, "tokenizer-service"));
        Map<String, String> gatewayPods = RenderedOverlay.podLabels(rendered.get(Deployment.class, "gateway"));
        for (Deployment deployment : grpcServices) {
            String where = overlay + "/" + deployment.getMetadata().getName();
            int port = Platform.ofContainer(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getName()).port();
            List<NetworkPolicyIngressRule> rules = rulesFor(rendered, RenderedOverlay.podLabels(deployment));
            assertFalse(rules.isEmpty(), where + ": no policy opens its port: unreachable");
            boolean gatewayAdmitted = false;
            boolean clientsAdmitted = false;
            for (NetworkPolicyIngressRule rule : rules) {
                assertNotNull(rule.getFrom(), where + ": a rule without 'from' admits every source");
                assertFalse(rule.getFrom().isEmpty(), where + ": a rule with empty 'from' admits every source");
                assertEquals(List.of(port), rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                        .map(p -> p.getIntVal()).toList(), where + ": opened ports");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertTrue(peer.getIpBlock() == null, where + ": ipBlock peers are not expected");
                    if (peer.getPodSelector() != null && !isEmpty(peer.getPodSelector())) {
                        Map<String, String> wanted = peer.getPodSelector().getMatchLabels();
                        boolean gateway = peer.getNamespaceSelector() == null
                                && gatewayPods.entrySet().containsAll(wanted.entrySet());
                        boolean client = Map.of(Platform.CLIENT_LABEL, "true").equals(wanted);
                        assertTrue(gateway || client, where + ": unexpected pod peer " + wanted);
                        gatewayAdmitted |= gateway;
                        clientsAdmitted |= client;
                    } else {
                        assertNotNull(peer.getNamespaceSelector(), where + ": peer selects every pod");
                        assertFalse(isEmpty(peer.getNamespaceSelector()),
                                where + ": peer admits every pod of every namespace");
                        String namespace = peer.getNamespaceSelector().getMatchLabels()
                                .get("kubernetes.io/metadata.name");
                        assertTrue(TRUSTED_NAMESPACES.contains(namespace),
                                where + ": whole namespace admitted: " + peer.getNamespaceSelector());
                    }
                }
            }
            assertTrue(gatewayAdmitted, where + ": the gateway cannot reach it");
            assertTrue(clientsAdmitted, where + ": pods labelled " + Platform.CLIENT_LABEL + "=true cannot reach it");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayIsReachableThroughTheIngressController(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<NetworkPolicyIngressRule> rules =
                rulesFor(rendered, RenderedOverlay.podLabels(rendered.get(Deployment.class, "gateway")));
        boolean fromIngressController = rules.stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == Platform.GATEWAY.port()))
                .flatMap(r -> r.getFrom().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() != null && peer.getPodSelector() == null
                        && "ingress-nginx".equals(peer.getNamespaceSelector().getMatchLabels()
                                .get("kubernetes.io/metadata.name")));
        assertTrue(fromIngressController, overlay + ": the ingress controller cannot reach the gateway");
    }

    /** The ingress rules of every policy that selects pods with these labels. */
    private static List<NetworkPolicyIngressRule> rulesFor(RenderedOverlay rendered, Map<String, String> podLabels) {
        return rendered.all(NetworkPolicy.class).stream()
                .filter(p -> !isEmpty(p.getSpec().getPodSelector()))
                .filter(p -> podLabels.entrySet().containsAll(p.getSpec().getPodSelector().getMatchLabels()
                        .entrySet()))
                .flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty()
                        : p.getSpec().getIngress().stream())
                .toList();
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }
}
