package dev.llmplatform.gateway.backend;

/**
 * A generation as the HTTP and WebSocket code hand it over: shape and types checked, values not (the inference
 * service is the one validator of generation parameters). Exactly one of {@code prompt} and {@code chat} is set.
 *
 * @param model     the model to route to
 * @param prompt    a raw prompt (legacy completions), or null
 * @param chat      a chat, or null
 * @param sampling  the sampling and stopping parameters
 * @param requestId an identifier for the service's logs
 */
public record GenerationRequest(String model, String prompt, Chat chat, Sampling sampling, String requestId) {
}
