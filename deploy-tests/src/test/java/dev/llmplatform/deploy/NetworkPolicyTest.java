package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Traffic is denied in both directions by default. The tokenizer and inference ports admit the gateway's pods of the
 * platform's namespace and Prometheus's namespace, each named by its immutable kubernetes.io/metadata.name label, so
 * no pod can label itself in (the inference gateway path adds its proxies' namespace and the endpoint pickers).
 * Egress is DNS for everyone, HTTPS outside the cluster (never the metadata service or private ranges) for the
 * services that download, and the backends plus the Kubernetes API for the gateway.
 */
class NetworkPolicyTest {

    static final List<String> OVERLAYS = RenderedOverlay.ALL;

    private static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final String METADATA_ADDRESS = "169.254.169.254/32";
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void trafficIsDeniedInBothDirectionsByDefault(String overlay) {
        List<NetworkPolicy> denyAll = policies(overlay).stream()
                .filter(p -> isEmpty(p.getSpec().getPodSelector()))
                .filter(p -> p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")))
                .filter(p -> p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty())
                .filter(p -> p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty())
                .toList();
        assertEquals(1, denyAll.size(), overlay + ": one default-deny policy for every pod, ingress and egress");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPeerNamesItsNamespaceByItsImmutableLabel(String overlay) {
        for (NetworkPolicy policy : policies(overlay)) {
            for (NetworkPolicyPeer peer : peers(policy)) {
                String where = overlay + "/" + policy.getMetadata().getName() + ": peer " + peer;
                if (peer.getIpBlock() != null) {
                    continue;
                }
                assertNotNull(peer.getNamespaceSelector(), where + ": a pod selector alone hides which namespace");
                Map<String, String> labels = peer.getNamespaceSelector().getMatchLabels();
                assertTrue(labels != null && labels.size() == 1 && labels.containsKey(NAME_LABEL),
                        where + ": select namespaces by " + NAME_LABEL + " only; an empty or other selector admits"
                                + " namespaces (and their pods) that label themselves");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void grpcServicesAdmitOnlyTheGatewayOfThisNamespaceAndMonitoring(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, String> gatewayPods = rendered.workload("gateway").podLabels();
        List<Workload> grpcServices = new ArrayList<>(rendered.inferenceWorkloads());
        grpcServices.add(rendered.workload("tokenizer-service"));
        for (Workload workload : grpcServices) {
            String where = workload.describe(overlay);
            int port = workload.service().orElseThrow().port();
            List<NetworkPolicyIngressRule> rules = ingressRulesFor(rendered, workload.podLabels());
            assertFalse(rules.isEmpty(), where + ": no policy opens its port: unreachable");
            boolean gatewayAdmitted = false;
            for (NetworkPolicyIngressRule rule : rules) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), where + ": a rule admits every source");
                List<Integer> opened = rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                        .map(p -> p.getIntVal()).toList();
                Optional<Integer> sidecar = workload.container("openai")
                        .map(c -> c.getPorts().get(0).getContainerPort());
                boolean toSidecar = overlay.equals("gateway-api") && sidecar.isPresent()
                        && List.of(sidecar.get()).equals(opened);
                assertTrue(List.of(port).equals(opened) || toSidecar, where + ": opened ports " + opened);
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertTrue(peer.getIpBlock() == null, where + ": ipBlock peers are not expected");
                    String namespace = peer.getNamespaceSelector().getMatchLabels().get(NAME_LABEL);
                    if (peer.getPodSelector() == null) {
                        assertTrue(allowedNamespaces(overlay, workload).contains(namespace),
                                where + ": whole namespace admitted: " + namespace);
                    } else {
                        Map<String, String> wanted = peer.getPodSelector().getMatchLabels();
                        assertEquals(Platform.NAMESPACE, namespace, where + ": pods of another namespace");
                        boolean gateway = gatewayPods.entrySet().containsAll(wanted.entrySet());
                        boolean picker = overlay.equals("gateway-api") && workload.isInference()
                                && Map.of(Platform.COMPONENT_LABEL, "endpoint-picker").equals(wanted);
                        assertTrue(gateway || picker, where + ": unexpected pod peer " + wanted);
                        gatewayAdmitted |= gateway;
                    }
                }
            }
            assertTrue(gatewayAdmitted, where + ": the gateway cannot reach it");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void downloadsReachOnlyHttpsOutsideTheCluster(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Workload> downloaders = new ArrayList<>(rendered.inferenceWorkloads());
        downloaders.add(rendered.workload("tokenizer-service"));
        for (Workload workload : downloaders) {
            String where = workload.describe(overlay);
            boolean https = false;
            for (NetworkPolicyEgressRule rule : egressRulesFor(rendered, workload.podLabels())) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    List<Integer> ports = rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList();
                    if (peer.getIpBlock() != null) {
                        assertEquals(List.of(443), ports, where + ": the Hub and its CDN are HTTPS only");
                        assertEquals("0.0.0.0/0", peer.getIpBlock().getCidr(), where);
                        https = true;
                    } else {
                        assertEquals("kube-system", peer.getNamespaceSelector().getMatchLabels().get(NAME_LABEL),
                                where + ": egress beyond DNS and the model source: " + peer);
                        assertEquals(List.of(53, 53), ports, where + ": DNS");
                    }
                }
            }
            assertTrue(https, where + ": cannot download its model or tokenizer files");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noEgressReachesTheMetadataServiceAndDownloadsNoPrivateRange(String overlay) {
        for (NetworkPolicy policy : policies(overlay)) {
            for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress() == null
                    ? List.<NetworkPolicyEgressRule>of() : policy.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    IPBlock block = peer.getIpBlock();
                    if (block == null) {
                        continue;
                    }
                    String where = overlay + "/" + policy.getMetadata().getName() + ": " + block.getCidr();
                    assertTrue(excluded(block, METADATA_ADDRESS), where + " reaches the cloud metadata service");
                    boolean download = selectsComponent(policy, "inference") || selectsComponent(policy, "tokenizer");
                    if (download) {
                        for (String range : PRIVATE_RANGES) {
                            assertTrue(excluded(block, range), where + " lets a download reach " + range);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayReachesItsBackendsOnTheirPorts(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<NetworkPolicyEgressRule> rules = egressRulesFor(rendered, rendered.workload("gateway").podLabels());
        for (Platform backend : List.of(Platform.TOKENIZER, Platform.INFERENCE)) {
            Map<String, String> pods = rendered.platformWorkloads().stream()
                    .filter(w -> w.service().orElseThrow() == backend).findFirst().orElseThrow().podLabels();
            boolean reached = rules.stream()
                    .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == backend.port()))
                    .flatMap(r -> r.getTo().stream())
                    .anyMatch(peer -> peer.getPodSelector() != null
                            && pods.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet())
                            && Platform.NAMESPACE.equals(peer.getNamespaceSelector().getMatchLabels().get(NAME_LABEL)));
            assertTrue(reached, overlay + ": the gateway cannot reach " + backend.module() + ":" + backend.port());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void gatewayIsReachableThroughTheIngressController(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        boolean fromIngressController = ingressRulesFor(rendered, rendered.workload("gateway").podLabels()).stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == Platform.GATEWAY.port()))
                .flatMap(r -> r.getFrom().stream())
                .anyMatch(peer -> peer.getNamespaceSelector() != null && peer.getPodSelector() == null
                        && "ingress-nginx".equals(peer.getNamespaceSelector().getMatchLabels().get(NAME_LABEL)));
        assertTrue(fromIngressController, overlay + ": the ingress controller cannot reach the gateway");
    }

    private static Set<String> allowedNamespaces(String overlay, Workload workload) {
        return overlay.equals("gateway-api") && workload.isInference() ? Set.of("monitoring", "llm-gateway")
                : Set.of("monitoring");
    }

    private static List<NetworkPolicy> policies(String overlay) {
        return RenderedOverlay.of(overlay).all(NetworkPolicy.class);
    }

    private static List<NetworkPolicyPeer> peers(NetworkPolicy policy) {
        Stream<NetworkPolicyPeer> from = policy.getSpec().getIngress() == null ? Stream.empty()
                : policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom() == null ? Stream.empty()
                        : r.getFrom().stream());
        Stream<NetworkPolicyPeer> to = policy.getSpec().getEgress() == null ? Stream.empty()
                : policy.getSpec().getEgress().stream().flatMap(r -> r.getTo() == null ? Stream.empty()
                        : r.getTo().stream());
        return Stream.concat(from, to).toList();
    }

    /** The ingress rules of every policy that selects pods with these labels. */
    private static List<NetworkPolicyIngressRule> ingressRulesFor(RenderedOverlay rendered,
                                                                  Map<String, String> podLabels) {
        return rendered.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), podLabels))
                .flatMap(p -> p.getSpec().getIngress() == null ? Stream.empty() : p.getSpec().getIngress().stream())
                .toList();
    }

    /** The egress rules of every policy that selects pods with these labels. */
    private static List<NetworkPolicyEgressRule> egressRulesFor(RenderedOverlay rendered,
                                                                Map<String, String> podLabels) {
        return rendered.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), podLabels))
                .flatMap(p -> p.getSpec().getEgress() == null ? Stream.empty() : p.getSpec().getEgress().stream())
                .toList();
    }

    /** Whether a pod selector (matchLabels and In/NotIn/Exists expressions) selects pods with these labels. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (isEmpty(selector)) {
            return true;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean matches = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + requirement.getOperator());
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean selectsComponent(NetworkPolicy policy, String component) {
        return !isEmpty(policy.getSpec().getPodSelector())
                && selects(policy.getSpec().getPodSelector(), Map.of(Platform.COMPONENT_LABEL, component));
    }

    /** Whether the block leaves out every address of {@code range} (outside its cidr, or inside an except). */
    static boolean excluded(IPBlock block, String range) {
        if (!Cidr.parse(block.getCidr()).contains(Cidr.parse(range))
                && !Cidr.parse(block.getCidr()).overlaps(Cidr.parse(range))) {
            return true;
        }
        return block.getExcept() != null && block.getExcept().stream().map(Cidr::parse)
                .anyMatch(except -> except.contains(Cidr.parse(range)));
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** An IPv4 range. */
    record Cidr(long first, long last) {

        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/");
            long address = 0;
            for (String octet : parts[0].split("\\.")) {
                address = (address << 8) | Integer.parseInt(octet);
            }
            int bits = Integer.parseInt(parts[1]);
            long size = 1L << (32 - bits);
            long first = address & ~(size - 1) & 0xFFFFFFFFL;
            return new Cidr(first, first + size - 1);
        }

        boolean contains(Cidr other) {
            return first <= other.first && other.last <= last;
        }

        boolean overlaps(Cidr other) {
            return first <= other.last && other.first <= last;
        }
    }
}
