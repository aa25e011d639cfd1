package dev.llmplatform.tokenizer.engine;

/**
 * A chat template shipped with a tokenizer (or given for a served model), before compiling.
 *
 * @param template the Jinja source
 * @param source where it came from: "tokenizer_config.json", "gguf" or "override"
 * @param bosToken the text of the BOS token the template may use ({@code bos_token}), empty when unknown
 * @param eosToken the text of the EOS token the template may use ({@code eos_token}), empty when unknown
 */
public record ChatTemplateSource(String template, String source, String bosToken, String eosToken) {
}
