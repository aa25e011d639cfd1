package dev.llmplatform.tokenizer.service;

import dev.llmplatform.tokenizer.engine.TextIndex;
import dev.llmplatform.tokenizer.error.TokenizerUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Compare and LanguageEfficiency: counts of one text (or a parallel pair) across tokenizers. */
public final class ComparisonService {

    private static final Logger LOG = Logger.getLogger(ComparisonService.class);
    private final TokenizationService tokenization;
    private final ParallelText builtinSample;

    /** A service counting through {@code tokenization}, with {@code builtinSample} as the default pair. */
    public ComparisonService(TokenizationService tokenization, ParallelText builtinSample) {
        this.tokenization = tokenization;
        this.builtinSample = builtinSample;
    }

    /** Statistics per tokenizer, in request order. */
    public Comparison compare(CompareCommand command) {
        String text = command.text();
        int words = words(text);
        long chars = text.length();
        long bytes = TextIndex.utf8Length(text);
        List<TokenizerStats> results = new ArrayList<>();
        for (String name : command.tokenizers()) {
            int count = tokenization.countPlain(name, text);
            results.add(new TokenizerStats(name, count, ratio(chars, count), ratio(bytes, count),
                    ratio(count, words)));
        }
        return new Comparison(results, words);
    }

    /** Spanish and English counts per tokenizer. */
    public LanguageReport languageEfficiency(LanguageCommand command) {
        ParallelText pair = command.pair().orElse(builtinSample);
        boolean all = command.tokenizers().isEmpty();
        List<String> names = all ? tokenization.names() : command.tokenizers();
        List<LanguageRow> rows = new ArrayList<>();
        for (String name : names) {
            try {
                int spanish = tokenization.countPlain(name, pair.spanish());
                int english = tokenization.countPlain(name, pair.english());
                rows.add(new LanguageRow(name, spanish, english, ratio(spanish, english)));
            } catch (TokenizerUnavailableException e) {
                if (!all) {
                    throw e;
                }
                LOG.warnf("leaving %s out of the language report: %s", name, e.getMessage());
            }
        }
        return new LanguageReport(rows, command.pair().isEmpty());
    }

    /** Whitespace-separated words. */
    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            i += Character.charCount(c);
        }
        return words;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
