package dev.llmplatform.bench.chat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import de.kherud.llama.Pair;
import dev.llmplatform.bench.client.ChatRequest;
import dev.llmplatform.bench.client.StreamResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline: the model driven through {@code de.kherud:llama} in this JVM, with the parameters the inference
 * service uses (context per slot × slots, the same thread count for decode and batch, flash attention, no context
 * shift, no prompt cache) and the chat rendered the way the service renders it: with the model's template, or as
 * the plain message text when the model has none.
 *
 * <p>After {@link #close()} a native non-daemon thread keeps the JVM alive: the program must end with
 * {@code System.exit} (see ENGINE-NOTES).
 */
final class InProcessEngine implements AutoCloseable {

    private final LlamaModel model;
    private final boolean template;

    InProcessEngine(Path gguf, boolean template, int contextPerSlot, int slots, int threads) {
        this.template = template;
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setCtxSize(contextPerSlot * slots)
                .setParallel(slots).setThreads(threads).setThreadsBatch(threads).setGpuLayers(0)
                .enableFlashAttn().disableContextShift().disableLog());
    }

    /** Generates one chat, timing it like a streaming client; each output of the iterator stands for one token. */
    StreamResult stream(ChatRequest chat) {
        long start = System.nanoTime();
        String prompt = !template ? chat.prompt() : model.applyTemplate(new InferenceParameters("").setMessages("",
                List.of(new Pair<>("user", chat.prompt()))));
        InferenceParameters parameters = new InferenceParameters(prompt).setNPredict(chat.maxTokens())
                .setTemperature((float) chat.temperature()).setSeed((int) chat.seed()).setCachePrompt(false);
        LlamaIterator iterator = model.generate(parameters).iterator();
        long ttft = -1;
        int tokens = 0;
        boolean lastEmpty = false;
        StringBuilder text = new StringBuilder();
        while (iterator.hasNext()) {
            LlamaOutput output = iterator.next();
            tokens++;
            lastEmpty = output.text.isEmpty();
            if (!lastEmpty) {
                ttft = ttft < 0 ? System.nanoTime() - start : ttft;
                text.append(output.text);
            }
        }
        if (lastEmpty) {
            tokens--; // the binding's last output can be an empty end marker, not a token
        }
        return new StreamResult(StreamResult.Outcome.COMPLETED, "", ttft, System.nanoTime() - start, tokens,
                text.toString(), 0, "");
    }

    @Override
    public void close() {
        model.close();
    }
}
