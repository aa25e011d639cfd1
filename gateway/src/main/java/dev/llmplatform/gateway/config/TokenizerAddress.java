package dev.llmplatform.gateway.config;

import dev.llmplatform.gateway.grpc.HostPort;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads the tokenizer service's address as one {@code host:port} value ({@code gateway.tokenizer.address}, environment
 * {@code TOKENIZER_ADDRESS}, as the run script, compose file and manifests set it) into the host and port of the
 * Quarkus gRPC client {@code tokenizer} ({@code quarkus.grpc.clients.tokenizer.host} / {@code .port}), below
 * application.properties so that those keys still win when they are set.
 */
public class TokenizerAddress implements ConfigSourceFactory {

    /** The key read. */
    static final String KEY = "gateway.tokenizer.address";
    private static final int ORDINAL = 200;
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String value = expand(context, raw(context, KEY));
        if (value == null || value.isBlank()) {
            return List.of();
        }
        HostPort address = HostPort.parse(value);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.grpc.clients.tokenizer.host", address.host(),
                "quarkus.grpc.clients.tokenizer.port", String.valueOf(address.port())), KEY, ORDINAL));
    }

    /**
     * The value with an expression of application.properties' form ({@code ${TOKENIZER_ADDRESS:localhost:8081}})
     * resolved: a factory sees the other sources' raw values.
     */
    private static String expand(ConfigSourceContext context, String value) {
        Matcher expression = value == null ? null : EXPRESSION.matcher(value.strip());
        if (expression == null || !expression.matches()) {
            return value;
        }
        String named = raw(context, expression.group(1));
        return named != null && !named.isBlank() ? named : expression.group(2);
    }

    private static String raw(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
