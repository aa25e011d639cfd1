package dev.llmplatform.inference.grpc;

import dev.llmplatform.gguf.GgufFile;
import dev.llmplatform.inference.engine.FakeTextEngine;
import dev.llmplatform.inference.engine.ModelFacts;
import dev.llmplatform.inference.memory.MemoryEstimate;
import dev.llmplatform.inference.memory.MemoryPlan;
import dev.llmplatform.inference.model.ChatPrompts;
import dev.llmplatform.inference.model.LoadedModel;
import dev.llmplatform.inference.model.ModelLoadException;
import dev.llmplatform.inference.model.ModelSource;
import dev.llmplatform.testsupport.TestAssets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;

/**
 * A scripted engine in place of the real model, for tests whose outcome must not depend on the machine's speed: 2
 * slots of 512 tokens, every generation produces "x" tokens at {@link #PER_TOKEN} each, up to its max_tokens.
 * Enabled by {@link ScriptedEngineProfile}.
 */
@Alternative
@ApplicationScoped
public class ScriptedModelSource implements ModelSource {

    /** How long each token after the first takes. */
    public static final Duration PER_TOKEN = Duration.ofMillis(20);

    @Override
    public LoadedModel load() throws ModelLoadException {
        FakeTextEngine engine = new FakeTextEngine(new ModelFacts("scripted", 512, 2, false, true, 1, 1000, 0),
                Collections.nCopies(512, "x")).paced(PER_TOKEN);
        ChatPrompts chats;
        try {
            chats = ChatPrompts.of(GgufFile.read(TestAssets.file("models/stories260K.gguf")), Optional.empty());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the test vocabulary: " + e.getMessage(), e);
        }
        return new LoadedModel(engine, new MemoryPlan(new MemoryEstimate(0, 0, 0), 0, 0, 0), Optional.empty(),
                chats, dev.llmplatform.inference.engine.PieceIds.none());
    }
}
