package dev.llmplatform.tokenizer.hf;

/**
 * An added token of a tokenizer.json with the options the library's added vocabulary matches it by.
 *
 * @param id          its id
 * @param content     its text
 * @param special     whether it is a special (control) token
 * @param singleWord  matched only where no word character touches it
 * @param lstrip      a match takes the whitespace on its left with it
 * @param rstrip      a match takes the whitespace on its right with it
 * @param normalized  matched against the normalized text (else against the raw text)
 */
public record AddedToken(int id, String content, boolean special, boolean singleWord, boolean lstrip, boolean rstrip,
        boolean normalized) {
}
