package dev.llmplatform.e2e;

import dev.llmplatform.testkit.await.Await;
import dev.llmplatform.testkit.client.HttpJson;
import dev.llmplatform.testkit.otlp.OtlpReceiver;
import dev.llmplatform.testkit.platform.Platform;
import dev.llmplatform.testkit.platform.PlatformSpec;
import dev.llmplatform.testsupport.TestAssets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The platform the end-to-end tests share, started once for the test JVM with the test kit's launcher and stopped
 * when the JVM exits: a tokenizer service on the asset tokenizers, five inference services (the trained
 * stories260K model twice, as two replicas of one model for failover, the random-weight 134M model whose slow,
 * EOS-free decoding makes mid-stream cancellation observable, stories260K's copy with Qwen2.5's chat template, which
 * renders tools, and stories260K once more, loaded for embeddings) and a gateway in front of them. A test that stops or
 * kills one of them restores it before it ends, or starts processes of its own beside the shared ones, so that no
 * test depends on the order the tests run in. The platform is handed out once the tokenizer service has loaded all
 * its tokenizers: it reports ready before its background preload ends, listing the tokenizers waits for that preload
 * (a minute and more on a busy machine), and the first test must find the same platform as the last. Every service
 * exports its spans to an in-process OTLP receiver ({@link #traces()}), as a deployment with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} set would to its collector.
 */
final class SharedPlatform {

    /** The served name of the stories260K replicas. */
    static final String STORIES = "stories260k";
    /** The served name of the random-weight model. */
    static final String RANDOM = "random-134m-q4_0";
    /** The served name of stories260K with Qwen2.5's chat template (tools reach it). */
    static final String STORIES_TOOLS = "stories260k-qwen";
    /** The served name of stories260K loaded for embeddings. */
    static final String STORIES_EMBEDDING = "stories260k-embedding";
    /** The inference process of the first stories260K replica. */
    static final String STORIES_PROCESS = "inference-stories";
    /** The inference process of the second stories260K replica. */
    static final String STORIES_REPLICA_PROCESS = "inference-stories-replica";
    /** The inference process of the random-weight model. */
    static final String RANDOM_PROCESS = "inference-random";
    private static Platform instance;
    private static OtlpReceiver traces;

    private SharedPlatform() {
    }

    /** The running platform; starts it on first use. */
    static synchronized Platform get() {
        if (instance == null) {
            Path stories = TestAssets.file("models/stories260K.gguf");
            Map<String, String> oneThread = Map.of("LLM_THREADS", "1");
            traces = OtlpReceiver.start();
            PlatformSpec spec = PlatformSpec.builder(Path.of("target", "e2e-logs"))
                    .env(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(), "OTEL_EXPORTER_OTLP_PROTOCOL",
                            "http/protobuf", "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"))
                    .replica(STORIES_PROCESS, stories, oneThread)
                    .replica(STORIES_REPLICA_PROCESS, stories, oneThread)
                    .replica(RANDOM_PROCESS, TestAssets.file("models/random-134m-q4_0.gguf"), oneThread)
                    .replica("inference-qwen-template", TestAssets.file("models/stories260K-qwen2.5-template.gguf"),
                            Map.of("LLM_THREADS", "1", "LLM_MODEL_NAME", STORIES_TOOLS))
                    .replica("inference-embedding", stories, Map.of("LLM_THREADS", "1", "LLM_EMBEDDING", "true",
                            "LLM_MODEL_NAME", STORIES_EMBEDDING))
                    .build();
            Platform platform = Platform.start(spec);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            HttpJson http = new HttpJson();
            Await.until(() -> http.get(platform.gateway().baseUrl() + "/v1/tokenizers"), r -> r.status() == 200,
                    spec.startTimeout(), "the gateway lists the tokenizers");
            instance = platform;
        }
        return instance;
    }

    /** The receiver the services of the shared platform export their spans to. */
    static synchronized OtlpReceiver traces() {
        get();
        return traces;
    }
}
