package dev.llmplatform.tokenizer.service.cost;

import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.ChatCounter;
import dev.llmplatform.tokenizer.engine.ChatMessage;
import dev.llmplatform.tokenizer.engine.PromptBounds;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * EstimateCost: counts a chat as the model's prompt and prices prompt and answer.
 *
 * <ul>
 * <li>A served model (its GGUF file configured, {@code LLM_MODEL} or {@code tokenizer.served-models}) counts with
 *     {@code ChatPromptBuilder}, the code the inference service builds every chat prompt with, so the count is its
 *     {@code usage.prompt_tokens} for the same chat. Its context is the request's {@code context_length} (the
 *     served context, which the gateway passes), else a catalogue entry's of the same name, else the file's trained
 *     context; prices come from a catalogue entry of the same name.</li>
 * <li>A catalogue model counts with its tokenizer's chat template (tokenizer_config.json: the platform's renderer,
 *     special tokens only where the template wrote them; a GGUF vocabulary: {@code ChatPromptBuilder}); without a
 *     template the prompt is the sum of the contents' counts and the template adds 0.</li>
 * </ul>
 *
 * The template's own share is the count of the same chat with every content empty: the tokens the template adds
 * whatever the messages say, never negative. Costs are priced only when both prices are configured; otherwise they
 * are 0 and {@code prices_known} is false.
 */
public final class CostEstimator {

    private static final double PER_MILLION = 1_000_000.0;
    private final CostCatalogue catalogue;
    private final TokenizerRegistry registry;
    private final PromptBounds bounds;

    /** An estimator over a catalogue and the registry (which knows the served models). */
    public CostEstimator(CostCatalogue catalogue, TokenizerRegistry registry, PromptBounds bounds) {
        this.catalogue = catalogue;
        this.registry = registry;
        this.bounds = bounds;
    }

    /** Estimates cost and fit for a validated request. */
    public CostEstimate estimate(CostCommand command) {
        Optional<CostCatalogue.Entry> entry = Optional.ofNullable(catalogue.models().get(command.model()));
        Optional<TokenizerEngine> served = registry.servedModel(command.model());
        TokenizerEngine engine;
        String tokenizer;
        if (served.isPresent()) {
            engine = served.get();
            tokenizer = command.model();
        } else if (entry.isPresent() && entry.get().tokenizer().isPresent()) {
            tokenizer = entry.get().tokenizer().get();
            engine = registry.get(tokenizer);
        } else if (entry.isPresent()) {
            throw new TokenizerUnavailableException(command.model(), "the cost catalogue names no tokenizer for it "
                    + "and it is not a served model");
        } else {
            throw new UnknownTokenizerException("model", command.model(), models());
        }
        Optional<ChatCounter> counter = engine.chatCounter();
        int prompt;
        int templateTokens;
        if (counter.isPresent()) {
            prompt = counter.get().count(command.messages(), bounds);
            Cancellation.check();
            templateTokens = counter.get().count(ChatMessage.emptied(command.messages()), bounds);
        } else {
            prompt = 0;
            for (ChatMessage message : command.messages()) {
                Cancellation.check();
                prompt += engine.count(message.content(), false);
            }
            templateTokens = 0;
        }
        int context;
        if (command.contextLength().isPresent()) {
            context = command.contextLength().getAsInt();
        } else if (entry.isPresent() && entry.get().contextLength().isPresent()) {
            context = entry.get().contextLength().getAsInt();
        } else {
            context = (int) Math.min(Integer.MAX_VALUE, engine.descriptor().maxLength());
        }
        int left = Math.max(0, context - prompt);
        int answer = command.maxOutputTokens() > 0 ? command.maxOutputTokens() : left;
        boolean fits = command.maxOutputTokens() > 0 ? (long) prompt + answer <= context : prompt < context;
        boolean known = entry.map(CostCatalogue.Entry::pricesKnown).orElse(false);
        double input = known ? prompt * entry.get().inputUsdPerMillion().getAsDouble() / PER_MILLION : 0;
        double output = known ? answer * entry.get().outputUsdPerMillion().getAsDouble() / PER_MILLION : 0;
        return new CostEstimate(command.model(), tokenizer, prompt, templateTokens, context, left, fits, known,
                input, output, counter.map(ChatCounter::templateSource).orElse("none"));
    }

    /** The model names EstimateCost knows: the catalogue's and the served models'. */
    public List<String> models() {
        TreeSet<String> known = new TreeSet<>(catalogue.models().keySet());
        known.addAll(registry.servedModelNames());
        return List.copyOf(known);
    }
}
