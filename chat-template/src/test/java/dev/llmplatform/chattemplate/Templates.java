package dev.llmplatform.chattemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: render a template source with a fixed clock (2026-01-15T12:00:00, a Thursday). */
final class Templates {

    static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);
    static final ChatTemplateOptions OPTIONS = ChatTemplateOptions.defaults().withClock(FIXED_CLOCK);

    private Templates() {
    }

    /** Renders {@code source} with variables given as name, value, name, value, ... */
    static String render(String source, Object... namesAndValues) {
        return ChatTemplate.compile(source, OPTIONS).render(vars(namesAndValues));
    }

    static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            vars.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return vars;
    }

    /** A mutable map (Map.of refuses null values) of name, value pairs. */
    static Map<String, Object> map(Object... namesAndValues) {
        return vars(namesAndValues);
    }
}
