package dev.llmplatform.tokenizer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Served models from the configuration: named as the inference service names them. */
class ServedModelTest {

    @Test
    void theSingleModelIsNamedAsTheInferenceServiceNamesIt() {
        assertEquals(List.of(new ServedModel("stories260k", Path.of("/m/Stories260K.gguf"), Optional.empty())),
                ServedModel.of(Optional.of(Path.of("/m/Stories260K.gguf")), Optional.empty(), Optional.empty(),
                        List.of()));
        assertEquals(List.of(new ServedModel("tiny", Path.of("/m/a.gguf"), Optional.of(Path.of("/t/chat.jinja")))),
                ServedModel.of(Optional.of(Path.of("/m/a.gguf")), Optional.of(" tiny "),
                        Optional.of(Path.of("/t/chat.jinja")), List.of()));
        assertEquals(List.of(), ServedModel.of(Optional.empty(), Optional.of("ignored"), Optional.empty(),
                List.of("", " ")));
    }

    @Test
    void listEntriesAreNameEqualsFileWithAnOptionalTemplate() {
        assertEquals(new ServedModel("qwen", Path.of("/m/q.gguf"), Optional.empty()), ServedModel.parse("qwen=/m/q.gguf"));
        assertEquals(new ServedModel("q4", Path.of("/m/Q4.gguf"), Optional.empty()), ServedModel.parse(" /m/Q4.gguf "));
        assertEquals(new ServedModel("qwen", Path.of("/m/q.gguf"), Optional.of(Path.of("/t/q.jinja"))),
                ServedModel.parse("qwen = /m/q.gguf ; template=/t/q.jinja"));
        assertEquals(new ServedModel("b", Path.of("/m/B.gguf"), Optional.of(Path.of("/t/b.jinja"))),
                ServedModel.parse("/m/B.gguf;template=/t/b.jinja"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServedModel.parse("x=/m/x.gguf;tmpl=/t"))
                .getMessage().contains("the only option is ;template=<chat template file>"));
        assertThrows(IllegalArgumentException.class, () -> ServedModel.parse("x="));
        assertThrows(IllegalArgumentException.class, () -> ServedModel.parse("x=/m/x.gguf;template="));
    }

    @Test
    void bothSourcesTogetherAndANameGivenTwiceForAnotherFileIsRefused() {
        List<ServedModel> both = ServedModel.of(Optional.of(Path.of("/m/a.gguf")), Optional.empty(), Optional.empty(),
                List.of("b=/m/b.gguf", "/m/a.gguf"));
        assertEquals(List.of("a", "b"), both.stream().map(ServedModel::name).toList(), "the same model twice is one");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> ServedModel.of(
                Optional.of(Path.of("/m/a.gguf")), Optional.empty(), Optional.empty(), List.of("a=/m/other.gguf")));
        assertEquals("served model name 'a' is given twice: for /m/a.gguf and /m/other.gguf", twice.getMessage());
    }
}
