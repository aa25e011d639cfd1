package dev.llmplatform.inference.request;

import dev.llmplatform.inference.engine.EnginePrompt;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.nio.charset.StandardCharsets;

/**
 * Validates a raw {@link GenerateRequest} into a {@link ValidatedGeneration}: model name, input, sampling, and the
 * context budget. Never truncates: a prompt that does not fit is refused with the numbers. A request that left
 * max_tokens at 0 gets the default, lowered to what is left of the slot's context (at least one token).
 */
public final class GenerationValidator {

    private final TextEngine engine;
    private final ModelFacts facts;
    private final PromptBuilder prompts;
    private final SamplingValidator sampling;

    /** A validator for the engine's model, whose chats become prompts through {@code prompts}. */
    public GenerationValidator(TextEngine engine, PromptBuilder prompts, SamplingDefaults defaults) {
        this.engine = engine;
        this.facts = engine.facts();
        this.prompts = prompts;
        this.sampling = new SamplingValidator(defaults, facts.contextPerSlot(), facts.vocabularySize());
    }

    /** Validates the request; throws {@link InferenceError} when it is refused. Blocks in native tokenization. */
    public ValidatedGeneration validate(GenerateRequest request) {
        requireServed(request.getModel(), facts);
        SamplingSettings settings = sampling.validate(request.getParams());
        int context = facts.contextPerSlot();
        long byteLimit = (long) context * RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN;
        requireWithin("request", request.getSerializedSize(), byteLimit, context);
        PromptBuilder.Prompt prompt = prompts.build(request);
        requireWithin("prompt", prompt.text().getBytes(StandardCharsets.UTF_8).length, byteLimit, context);
        EnginePrompt enginePrompt = prompt.engine() instanceof EnginePrompt.Text text ? tokens(text.text())
                : prompt.engine();
        int promptTokens = enginePrompt instanceof EnginePrompt.Tokens ids ? ids.ids().length
                : prompt.tokens().orElseThrow();
        int maxTokens = settings.maxTokens();
        if (settings.maxTokensDefaulted()) {
            maxTokens = Math.max(1, Math.min(maxTokens, context - promptTokens));
        }
        if ((long) promptTokens + maxTokens > context) {
            throw InferenceError.invalid("prompt has " + promptTokens + " tokens and max_tokens is " + maxTokens
                    + ", together over the slot's context of " + context + " tokens");
        }
        return new ValidatedGeneration(sanitise(request.getRequestId(), RequestLimits.MAX_REQUEST_ID_CHARS),
                enginePrompt, promptTokens, settings.withMaxTokens(maxTokens), prompt.plainCompletion());
    }

    /**
     * A raw prompt as the ids the engine evaluates for it, so that the prompt cache can compare it with what the slots
     * hold: the engine's own tokenization (special-token strings parsed, llama-server's {@code /completion}) after
     * the BOS the engine adds.
     */
    private EnginePrompt.Tokens tokens(String text) {
        int[] ids = engine.tokenize(text);
        if (!facts.addsBos()) {
            return new EnginePrompt.Tokens(ids);
        }
        int[] withBos = new int[ids.length + 1];
        withBos[0] = facts.bosId();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return new EnginePrompt.Tokens(withBos);
    }

    /**
     * The prompt (or, before rendering, the whole request, which bounds what rendering and tokenizing can cost) within
     * the byte budget of the slot's context.
     */
    private static void requireWithin(String what, long bytes, long byteLimit, int context) {
        if (bytes > byteLimit) {
            throw InferenceError.invalid(what + " is " + bytes + " bytes, over the limit of " + byteLimit + " bytes ("
                    + RequestLimits.MAX_PROMPT_BYTES_PER_TOKEN + " per token of the slot's context of " + context
                    + " tokens)");
        }
    }

    /** NOT_FOUND unless {@code requested} is empty (the served model) or the served model's name. */
    public static void requireServed(String requested, ModelFacts facts) {
        if (!requested.isEmpty() && !requested.equals(facts.name())) {
            throw InferenceError.notFound("model \"" + sanitise(requested, 64) + "\" is not served here; "
                    + "this service serves \"" + facts.name() + "\"");
        }
    }

    /** Keeps a client string safe for logs and messages: letters, digits and {@code ._:-}, cut to a length. */
    static String sanitise(String text, int maxChars) {
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        return cut.replaceAll("[^A-Za-z0-9._:\\-]", "_");
    }
}
