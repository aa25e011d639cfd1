package dev.llmplatform.bench.chat;

import dev.llmplatform.bench.cli.Table;
import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.GenerateClient;
import dev.llmplatform.testkit.client.Generation;
import dev.llmplatform.testkit.stats.Percentiles;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time to first token of a gRPC request goes, stage by stage, measured on both sides with the one monotonic
 * clock the JVMs of one machine share ({@link System#nanoTime()}): the request id carries the client's send time,
 * the inference service logs (at DEBUG, {@code --trace-stages}) its stages and its arrival time, and the client
 * notes its first text. Stages: client send to the service method (gRPC client, transport, the server's event loop
 * and the hand-off to a worker thread), validation and admission, the hand-off to a slot thread, engine start (the
 * request's JSON, the JNI call, the task's hand-off to llama.cpp's loop), prompt evaluation and first token (until
 * the slot thread receives it), the first chunk's emission, and its way back to the client.
 */
final class StageTrace {

    private static final Pattern LINE = Pattern.compile("request trace-(\\d+) stages \\(us\\): validate\\+admit (-?\\d+),"
            + " to slot thread (-?\\d+), engine start (-?\\d+), first token (-?\\d+), first chunk sent (-?\\d+);.*"
            + " received at (\\d+) ns");

    private StageTrace() {
    }

    /** Sends {@code samples} traced requests after {@code warmup}, then joins them with the service log. */
    static void run(GenerateClient grpc, ChatRequest chat, int warmup, int samples, Path serviceLog)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            grpc.generate(GenerateClient.request(chat));
        }
        Map<Long, Long> firstText = new HashMap<>();
        for (int i = 0; i < samples; i++) {
            long sent = System.nanoTime();
            GenerateRequest request = GenerateClient.request(chat).toBuilder().setRequestId("trace-" + sent).build();
            Generation generation = grpc.generate(request);
            if (generation.firstTextNanos() >= 0) {
                firstText.put(sent, sent + generation.firstTextNanos());
            }
        }
        Thread.sleep(500);
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (String stage : List.of("client send -> service method", "validate + admit", "to slot thread",
                "engine start", "prompt + first token", "first chunk emitted", "first chunk -> client",
                "total (client)")) {
            stages.put(stage, new ArrayList<>());
        }
        for (String line : Files.readAllLines(serviceLog)) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long sent = Long.parseLong(m.group(1));
            Long text = firstText.get(sent);
            if (text == null) {
                continue;
            }
            long received = Long.parseLong(m.group(7));
            double[] us = new double[5];
            for (int i = 0; i < 5; i++) {
                us[i] = Long.parseLong(m.group(i + 2));
            }
            double emitted = received / 1000.0 + us[0] + us[1] + us[2] + us[3] + us[4];
            stages.get("client send -> service method").add((received - sent) / 1e6);
            stages.get("validate + admit").add(us[0] / 1000);
            stages.get("to slot thread").add(us[1] / 1000);
            stages.get("engine start").add(us[2] / 1000);
            stages.get("prompt + first token").add(us[3] / 1000);
            stages.get("first chunk emitted").add(us[4] / 1000);
            stages.get("first chunk -> client").add((text / 1000.0 - emitted) / 1000);
            stages.get("total (client)").add((text - sent) / 1e6);
        }
        Table table = new Table("where a gRPC request's time to first token goes (ms, " + samples + " requests after "
                + warmup + "; client and service share the monotonic clock)", "stage", "n", "p50", "p90");
        stages.forEach((stage, values) -> {
            Percentiles p = Percentiles.of(values);
            table.row(stage, p.count(), p.median(), p.at(90));
        });
        table.print(System.out);
    }
}
