package dev.llmplatform.gateway.http;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web UI works under the strict CSP of {@link SecurityHeaders}: no inline script, style or event handler. */
class WebUiPagesTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL = Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "playground.html"})
    void pagesHaveNothingInlineAndLoadNothingFromOutside(String page) throws IOException {
        String html = Files.readString(Path.of("src/main/resources/META-INF/resources", page));
        assertFalse(INLINE_SCRIPT.matcher(html).find(), page + " has an inline script");
        assertFalse(INLINE_STYLE.matcher(html).find(), page + " has an inline style");
        assertFalse(HANDLER.matcher(html).find(), page + " has an inline event handler");
        assertFalse(EXTERNAL.matcher(html).find(), page + " loads something from outside");
    }
}
