package dev.llmplatform.tokenizer.service.cost;

import dev.llmplatform.tokenizer.engine.Cancellation;
import dev.llmplatform.tokenizer.engine.ChatTemplate;
import dev.llmplatform.tokenizer.engine.TokenizerEngine;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import dev.llmplatform.tokenizer.error.UnknownTokenizerException;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * EstimateCost: counts a chat with the catalogue model's chat template applied (rendered text counted without added
 * special tokens and with special-token strings parsed, as transformers' {@code apply_chat_template(tokenize=True)}
 * does) and prices prompt and answer. The template's own share is the count of the same chat rendered with every
 * content empty: the tokens the template adds whatever the messages say, never negative. Without a template the
 * prompt is the sum of the message counts and the template adds 0.
 */
public final class CostEstimator {

    private static final double PER_MILLION = 1_000_000.0;
    private final CostCatalogueConfig catalogue;
    private final TokenizerRegistry registry;
    private final ChatTemplateRenderer renderer;

    /** An estimator over a catalogue and the registry. */
    public CostEstimator(CostCatalogueConfig catalogue, TokenizerRegistry registry, ChatTemplateRenderer renderer) {
        this.catalogue = catalogue;
        this.registry = registry;
        this.renderer = renderer;
    }

    /** Estimates cost and fit for a validated request. */
    public CostEstimate estimate(CostCommand command) {
        CostCatalogueConfig.ModelEntry entry = catalogue.models().get(command.model());
        if (entry == null) {
            throw new UnknownTokenizerException("model", command.model(), new TreeSet<>(catalogue.models().keySet()));
        }
        TokenizerEngine engine = registry.get(entry.tokenizer());
        Optional<ChatTemplate> template = engine.descriptor().chatTemplate();
        int prompt;
        int templateTokens;
        if (template.isPresent()) {
            prompt = engine.countParsingSpecials(render(entry, template.get(), command.messages()));
            Cancellation.check();
            List<ChatMessage> empty = command.messages().stream().map(m -> new ChatMessage(m.role(), "")).toList();
            templateTokens = engine.countParsingSpecials(render(entry, template.get(), empty));
        } else {
            prompt = 0;
            for (ChatMessage message : command.messages()) {
                prompt += engine.count(message.content(), false);
            }
            templateTokens = 0;
        }
        int context = entry.contextLength();
        int left = Math.max(0, context - prompt);
        int answer = command.maxOutputTokens() > 0 ? command.maxOutputTokens() : left;
        boolean fits = command.maxOutputTokens() > 0 ? (long) prompt + answer <= context : prompt < context;
        return new CostEstimate(command.model(), entry.tokenizer(), prompt, templateTokens, context, left, fits,
                prompt * entry.inputUsdPerMillion() / PER_MILLION, answer * entry.outputUsdPerMillion() / PER_MILLION,
                template.map(ChatTemplate::source).orElse("none"));
    }

    private String render(CostCatalogueConfig.ModelEntry entry, ChatTemplate template, List<ChatMessage> messages) {
        try {
            return renderer.render(template, messages);
        } catch (IllegalStateException e) {
            throw new TokenizerUnavailableException(entry.tokenizer(), e.getMessage());
        }
    }
}
