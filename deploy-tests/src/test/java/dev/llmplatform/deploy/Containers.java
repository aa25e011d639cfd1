package dev.llmplatform.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads values out of a container spec: named ports, environment variables, resources. */
final class Containers {

    private Containers() {
    }

    /** The port number a probe or Service target refers to, by number or by the container's port name. */
    static int resolvePort(IntOrString port, Container container) {
        if (port == null) {
            throw new AssertionError("no port given for container " + container.getName());
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String portName = port.getStrVal();
        return container.getPorts().stream()
                .filter(p -> portName.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "container " + container.getName() + " has no port named '" + portName + "'"));
    }

    /** A plain (literal) environment variable of the container. */
    static Optional<String> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty() : container.getEnv().stream()
                .filter(e -> name.equals(e.getName()) && e.getValue() != null)
                .map(EnvVar::getValue)
                .findFirst();
    }

    /** An environment variable set from a Secret key. */
    static Optional<EnvVar> secretEnv(Container container, String name) {
        return container.getEnv() == null ? Optional.empty() : container.getEnv().stream()
                .filter(e -> name.equals(e.getName()) && e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null)
                .findFirst();
    }

    /** A resource limit, if set. */
    static Optional<Quantity> limit(Container container, String resource) {
        return quantity(container.getResources() == null ? null : container.getResources().getLimits(), resource);
    }

    /** A resource request, if set. */
    static Optional<Quantity> request(Container container, String resource) {
        return quantity(container.getResources() == null ? null : container.getResources().getRequests(), resource);
    }

    private static Optional<Quantity> quantity(Map<String, Quantity> values, String resource) {
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(resource));
    }

    /** A Quarkus duration such as {@code 30s}, {@code 2m} or {@code PT30S}. */
    static Duration quarkusDuration(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        if (trimmed.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
            return switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(trimmed.toUpperCase());
    }
}
