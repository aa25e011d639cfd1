package dev.llmplatform.inference.catalogue;

/**
 * One model the service knows how to fetch and serve.
 *
 * @param id            the key {@code LLM_MODEL_ID} selects
 * @param name          the served name
 * @param hfRepo        Hugging Face repository ({@code org/name})
 * @param hfFile        the GGUF file in that repository
 * @param revision      the revision to download (a branch or commit)
 * @param sha256        the file's sha256 in lower-case hex; empty when not recorded (then the file is verified
 *                      against the sha256 the Hub publishes, and only a file the Hub gives none for needs
 *                      {@code LLM_ALLOW_UNVERIFIED=true})
 * @param contextLength default per-slot context (0: the service default)
 * @param slots         default slots (0: the service default)
 * @param chatTemplate  a template overriding the file's (empty: the file's own)
 * @param temperature   default temperature (negative: the service default)
 */
public record CatalogueEntry(String id, String name, String hfRepo, String hfFile, String revision, String sha256,
                             int contextLength, int slots, String chatTemplate, float temperature) {
}
