package dev.llmplatform.gateway.grpc;

/** A {@code host:port} backend address. */
public record HostPort(String host, int port) {

    /** Parses {@code host:port} (IPv6 hosts in brackets); fails with a message naming the bad value. */
    public static HostPort parse(String address) {
        String value = address == null ? "" : address.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("Backend address must be host:port, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Backend address has a non-numeric port: '" + value + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Backend port must be 1..65535, got " + port);
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
