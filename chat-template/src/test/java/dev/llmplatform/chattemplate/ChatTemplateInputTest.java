package dev.llmplatform.chattemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The variables a render sees, strftime_now's clock, and reuse of one compiled template. */
class ChatTemplateInputTest {

    private static final List<Map<String, Object>> ONE_USER = List.of(Map.of("role", "user", "content", "hi"));

    @Test
    void standardVariablesAreThoseTransformersPasses() {
        ChatTemplate t = ChatTemplate.compile("{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|"
                + "{{ tools is none }}|{{ tools is defined }}|{{ documents is none }}|{{ messages | length }}");
        assertEquals("<s>|</s>|True|True|True|True|1", t.render(ChatTemplateInput.of(ONE_USER, true, "<s>", "</s>")));
        assertEquals("False|False", ChatTemplate.compile("{{ bos_token is defined }}|{{ add_generation_prompt }}")
                .render(ChatTemplateInput.of(ONE_USER, false, null, null)));
    }

    @Test
    void extraVariablesReachTheTemplate() {
        ChatTemplate t = ChatTemplate.compile("{{ date_string }} {{ enable_thinking }} {{ tools | length }}");
        assertEquals("26 Jul 2024 False 1", t.render(ChatTemplateInput.of(ONE_USER, true, null, null)
                .withTools(List.of(Map.of("type", "function")))
                .withExtra(Map.of("date_string", "26 Jul 2024", "enable_thinking", false))));
        assertThrows(IllegalArgumentException.class, () -> ChatTemplateInput.of(ONE_USER, true, null, null)
                .withExtra(Map.of("messages", List.of())));
    }

    @Test
    void strftimeNowFormatsTheInjectedClockWithPythonCodes() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneId.of("UTC"));
        ChatTemplate t = ChatTemplate.compile("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%A %B %-d %H:%M:%S "
                + "%I%p %j %y %Y-%m-%d') }}|{{ strftime_now('%c') }}|[{{ strftime_now('%z%Z') }}]|{{ strftime_now('%%') }}",
                ChatTemplateOptions.defaults().withClock(clock));
        assertEquals("15 Jan 2026|Thursday January 15 12:00:00 12PM 015 26 2026-01-15|Thu Jan 15 12:00:00 2026|[]|%",
                t.render(Map.of()));
    }

    @Test
    void clockIsReadInItsZone() {
        Clock tokyo = Clock.fixed(Instant.parse("2026-01-15T20:30:00Z"), ZoneId.of("Asia/Tokyo"));
        assertEquals("2026-01-16 05:30", ChatTemplate.compile("{{ strftime_now('%Y-%m-%d %H:%M') }}",
                ChatTemplateOptions.defaults().withClock(tokyo)).render(Map.of()));
    }

    @Test
    void oneCompiledTemplateRendersConcurrently() throws Exception {
        ChatTemplate t = ChatTemplate.compile("{% set ns = namespace(n=0) %}{% for m in messages %}"
                + "{% set ns.n = ns.n + 1 %}{{ m.content }}{% endfor %}={{ ns.n }}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String content = "m" + i;
                results.add(pool.submit(() -> t.render(ChatTemplateInput.of(
                        List.of(Map.of("role", "user", "content", content), Map.of("role", "user", "content", "!")),
                        true, null, null))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals("m" + i + "!=2", results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
