package dev.llmplatform.inference.engine;

import java.util.Arrays;

/** What a generation continues: a text the engine tokenizes, or token ids prepared by the caller. */
public sealed interface EnginePrompt {

    /**
     * A raw text, tokenized by the engine with special-token parsing on and its BOS added (llama-server's
     * {@code /completion}).
     */
    record Text(String text) implements EnginePrompt {
    }

    /** Token ids used exactly as given (BOS included when wanted): a chat prompt tokenized by the service. */
    record Tokens(int[] ids) implements EnginePrompt {

        /** Copies the ids. */
        public Tokens {
            ids = ids.clone();
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tokens tokens && Arrays.equals(ids, tokens.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Tokens[" + ids.length + " ids]";
        }
    }
}
