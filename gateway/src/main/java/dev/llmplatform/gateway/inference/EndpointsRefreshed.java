package dev.llmplatform.gateway.inference;

/** Fired when the endpoints' readiness or slots may have changed (after a refresh, when one is marked suspect). */
public record EndpointsRefreshed() {
}
