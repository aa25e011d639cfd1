package dev.llmplatform.tokenizer;

import dev.llmplatform.tokenizer.gguf.GgufEngine;
import dev.llmplatform.tokenizer.grpc.BytesInFlight;
import dev.llmplatform.tokenizer.grpc.RequestValidator;
import dev.llmplatform.tokenizer.registry.TokenizerRegistry;
import dev.llmplatform.tokenizer.service.ComparisonService;
import dev.llmplatform.tokenizer.service.ParallelText;
import dev.llmplatform.tokenizer.service.TokenizationService;
import dev.llmplatform.tokenizer.service.cost.ChatTemplateRenderer;
import dev.llmplatform.tokenizer.service.cost.CostCatalogueConfig;
import dev.llmplatform.tokenizer.service.cost.CostEstimator;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Wires the plain service classes into CDI; the registry's tokenizers are closed on shutdown. */
@Singleton
public class TokenizerBeans {

    @Produces
    @Singleton
    TokenizerRegistry registry(TokenizersConfig config) {
        return TokenizerRegistry.fromConfig(config, Optional.of(GgufEngine::load));
    }

    void close(@Disposes TokenizerRegistry registry) {
        registry.close();
    }

    @Produces
    @Singleton
    TokenizationService tokenization(TokenizerRegistry registry) {
        return new TokenizationService(registry);
    }

    @Produces
    @Singleton
    ComparisonService comparison(TokenizationService tokenization) {
        return new ComparisonService(tokenization, new ParallelText(resource("samples/parallel-es.txt"),
                resource("samples/parallel-en.txt")));
    }

    @Produces
    @Singleton
    RequestValidator validator(TokenizersConfig config) {
        return new RequestValidator(config);
    }

    @Produces
    @Singleton
    BytesInFlight admission(TokenizersConfig config) {
        return BytesInFlight.fromConfig(config);
    }

    @Produces
    @Singleton
    CostEstimator costs(CostCatalogueConfig catalogue, TokenizerRegistry registry, TokenizersConfig config) {
        return new CostEstimator(catalogue, registry, new ChatTemplateRenderer(config.maxTextBytes()));
    }

    /** A UTF-8 text resource on the class path. */
    static String resource(String name) {
        try (InputStream in = TokenizerBeans.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
