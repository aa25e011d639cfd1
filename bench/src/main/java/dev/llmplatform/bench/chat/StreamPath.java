package dev.llmplatform.bench.chat;

import dev.llmplatform.testkit.client.ChatRequest;
import dev.llmplatform.testkit.client.StreamResult;

/** One way to stream a chat (in-process, gRPC, SSE, WebSocket); {@code index} tells concurrent streams apart. */
@FunctionalInterface
interface StreamPath {

    /** Streams one chat to the end. */
    StreamResult stream(ChatRequest chat, int index);
}
