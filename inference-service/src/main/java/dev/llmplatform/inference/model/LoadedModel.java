package dev.llmplatform.inference.model;

import dev.llmplatform.inference.catalogue.CatalogueEntry;
import dev.llmplatform.inference.engine.PieceIds;
import dev.llmplatform.inference.engine.TextEngine;
import dev.llmplatform.inference.memory.MemoryPlan;
import java.util.Optional;

/**
 * A loaded, not yet warmed-up model.
 *
 * @param engine the engine
 * @param plan   the memory plan it was loaded with
 * @param entry  the catalogue entry, when it came from the catalogue
 * @param chats  how its chats become prompts
 * @param pieces the token id each generated piece stands for, from the model's vocabulary
 */
public record LoadedModel(TextEngine engine, MemoryPlan plan, Optional<CatalogueEntry> entry, ChatPrompts chats,
                          PieceIds pieces) {
}
