package dev.llmplatform.bench;

import dev.llmplatform.bench.chat.ChatSuite;
import dev.llmplatform.bench.cli.MachineFacts;
import dev.llmplatform.bench.cli.Options;
import dev.llmplatform.bench.load.LoadSuite;
import dev.llmplatform.bench.memory.IdleJvm;
import dev.llmplatform.bench.memory.MemorySuite;
import dev.llmplatform.bench.parity.ParitySuite;
import dev.llmplatform.bench.routing.RoutingSuite;
import dev.llmplatform.bench.threads.ThreadsSuite;
import dev.llmplatform.bench.tokenizer.TokenizerSuite;
import java.util.List;

/**
 * The benchmark command line: {@code java -jar bench.jar <suite> [--option value ...]} (the suites: {@link #USAGE}).
 * Always ends with {@code System.exit}: a JVM that loaded llama.cpp keeps a native non-daemon thread alive.
 */
public final class BenchMain {

    private static final String USAGE = """
            usage: bench.sh <suite> [options]
              chat       streaming tokens/s and TTFT: in-process llama vs gRPC vs gateway SSE/WS vs llama-server
                         (LLM_PEER_SERVER=binary|URL), multi-turn TTFT per turn, JSON figures and a chart
                         --model random-134m-q4_0|stories260k|<path.gguf> --tokens 256 --threads 1 (0: default)
                         --runs 3 --concurrency 4 --seed 42 --prompt TEXT --prompt-cache on|off
                         --prompt-cache-cells N --turns 4 --conversations 3 --turn-tokens 32 --peer-threads 1,2
                         --trace-stages --out FILE.json --chart FILE.png
              tokenizer  encode/count MB/s: in-process DJL/jtokkit vs tokenizer gRPC vs gateway REST
                         --corpus-mb 2 --runs 3 --families gpt2,llama-3.1,...
              load       load and fault harness against a platform it starts (two inference replicas)
                         --model random-134m-q4_0 --streams 4 --phase-seconds 60 --short --max-tokens 48
                         --overload-factor 10 --threads 1 --slots 2 --seed 42 --out figures.json
              memory     idle RSS and start-to-ready time of each service vs an idle JVM
                         --runs 3 --settle-seconds 5 --model stories260k
              parity     /v1/completions byte for byte against llama-server (LLM_PEER_SERVER), greedy and seeded,
                         streamed and not: --model stories260k --tokens 32 --slots 2 --prompt-cache on|off
              threads    one stream's decode tok/s by thread count, in this JVM and in llama-server, in turns:
                         --model random-134m-q4_0 --threads 1,2 --rounds 10
              routing    two replicas behind a prefix-aware and a least-loaded gateway: concurrent multi-turn
                         conversations, share of later turns on a warm replica, prompt reuse, TTFT
                         --model stories260k --replicas 2 --conversations 8 --turns 4 --turn-tokens 32 --slots 4
                         --rounds 2 --think-ms 200 --prompt-cache-cells N (default: slots x 1024) --out FILE.json
            common: --logs DIR (service logs, default bench/target/bench-logs)""";

    private BenchMain() {
    }

    /** Runs one suite and exits with its status (2 for a usage error). */
    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean(IdleJvm.PROPERTY)) {
            IdleJvm.serve();
            return;
        }
        int status;
        try {
            status = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            status = 2;
        } catch (RuntimeException e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            status = 3;
        }
        System.out.flush();
        System.exit(status);
    }

    private static int run(String[] args) {
        Options options = Options.parse(args);
        List<String> positional = options.positional();
        if (positional.size() != 1) {
            throw new IllegalArgumentException("give exactly one suite, got " + positional);
        }
        MachineFacts.print(System.out);
        return switch (positional.get(0)) {
            case "chat" -> ChatSuite.run(options);
            case "tokenizer" -> TokenizerSuite.run(options);
            case "load" -> LoadSuite.run(options);
            case "memory" -> MemorySuite.run(options);
            case "parity" -> ParitySuite.run(options);
            case "threads" -> ThreadsSuite.run(options);
            case "routing" -> RoutingSuite.run(options);
            default -> throw new IllegalArgumentException("unknown suite '" + positional.get(0) + "'");
        };
    }
}
