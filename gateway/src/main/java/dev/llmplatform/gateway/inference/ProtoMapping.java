package dev.llmplatform.gateway.inference;

import dev.llmplatform.gateway.backend.Chat;
import dev.llmplatform.gateway.backend.Embedded;
import dev.llmplatform.gateway.backend.GenerationLimits;
import dev.llmplatform.gateway.backend.GenerationRequest;
import dev.llmplatform.gateway.backend.GenerationResult;
import dev.llmplatform.gateway.backend.Progress;
import dev.llmplatform.gateway.backend.Sampling;
import dev.llmplatform.gateway.backend.ServedModel;
import dev.llmplatform.proto.inference.v1.ChatMessage;
import dev.llmplatform.proto.inference.v1.Embedding;
import dev.llmplatform.proto.inference.v1.Final;
import dev.llmplatform.proto.inference.v1.GenerateLimits;
import dev.llmplatform.proto.inference.v1.GenerateRequest;
import dev.llmplatform.proto.inference.v1.ModelInfo;
import dev.llmplatform.proto.inference.v1.SamplingParams;
import dev.llmplatform.proto.inference.v1.Timings;
import dev.llmplatform.proto.inference.v1.Tool;
import dev.llmplatform.proto.inference.v1.ToolCall;

/** The gateway's generation records to and from the inference contract's messages, field for field. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static GenerateRequest request(GenerationRequest request) {
        GenerateRequest.Builder builder = GenerateRequest.newBuilder().setModel(request.model())
                .setParams(sampling(request.sampling())).setRequestId(request.requestId());
        if (request.prompt() != null) {
            builder.setPrompt(request.prompt());
        } else {
            builder.setChat(chat(request.chat()));
        }
        return builder.build();
    }

    static dev.llmplatform.proto.inference.v1.Chat chat(Chat chat) {
        dev.llmplatform.proto.inference.v1.Chat.Builder builder = dev.llmplatform.proto.inference.v1.Chat.newBuilder();
        for (Chat.Message m : chat.messages()) {
            ChatMessage.Builder message = ChatMessage.newBuilder().setRole(m.role()).setContent(m.content())
                    .setToolCallId(m.toolCallId()).setName(m.name());
            m.toolCalls().forEach(call -> message.addToolCalls(ToolCall.newBuilder().setId(call.id())
                    .setName(call.name()).setArgumentsJson(call.argumentsJson())));
            builder.addMessages(message);
        }
        chat.tools().forEach(tool -> builder.addTools(Tool.newBuilder().setName(tool.name())
                .setDescription(tool.description()).setParametersJson(tool.parametersJson())));
        return builder.build();
    }

    /** Values as sent; the service validates them. A float that is out of range becomes infinite and is refused. */
    static SamplingParams sampling(Sampling s) {
        SamplingParams.Builder params = SamplingParams.newBuilder();
        if (s.maxTokens() != null) {
            params.setMaxTokens(s.maxTokens());
        }
        if (s.temperature() != null) {
            params.setTemperature(s.temperature().floatValue());
        }
        if (s.topP() != null) {
            params.setTopP(s.topP().floatValue());
        }
        if (s.topK() != null) {
            params.setTopK(s.topK());
        }
        if (s.minP() != null) {
            params.setMinP(s.minP().floatValue());
        }
        if (s.repeatPenalty() != null) {
            params.setRepeatPenalty(s.repeatPenalty().floatValue());
        }
        if (s.seed() != null) {
            params.setSeed(s.seed());
        }
        if (s.presencePenalty() != null) {
            params.setPresencePenalty(s.presencePenalty().floatValue());
        }
        if (s.frequencyPenalty() != null) {
            params.setFrequencyPenalty(s.frequencyPenalty().floatValue());
        }
        return params.addAllStop(s.stop()).setJsonSchema(s.jsonSchema()).putAllLogitBias(s.logitBias()).build();
    }

    static GenerationResult result(Final result) {
        Timings t = result.getTimings();
        return new GenerationResult(switch (result.getFinishReason()) {
            case FINISH_REASON_LENGTH -> GenerationResult.FinishReason.LENGTH;
            case FINISH_REASON_CANCELLED -> GenerationResult.FinishReason.CANCELLED;
            default -> GenerationResult.FinishReason.STOP;
        }, result.getUsage().getPromptTokens(), result.getUsage().getCompletionTokens(),
                result.getUsage().getCachedTokens(),
                new GenerationResult.Timings(t.getTimeToFirstTokenMs(), t.getTokensPerSecond(), t.getTotalMs(),
                        t.getQueueMs()));
    }

    static Progress progress(dev.llmplatform.proto.inference.v1.Progress progress) {
        Progress.Phase phase = switch (progress.getPhase()) {
            case GENERATION_PHASE_QUEUED -> Progress.Phase.QUEUED;
            case GENERATION_PHASE_PROMPT -> Progress.Phase.PROMPT;
            case GENERATION_PHASE_GENERATING -> Progress.Phase.GENERATING;
            default -> Progress.Phase.UNKNOWN;
        };
        return new Progress(phase, progress.getElapsedMs(), progress.getGeneratedTokens());
    }

    static ServedModel model(ModelInfo info, int readyEndpoints) {
        GenerateLimits l = info.getLimits();
        return new ServedModel(info.getName(), info.getContextLength(), info.getDefaultMaxTokens(), readyEndpoints,
                info.getChatTemplateSource(), new GenerationLimits(l.getMaxMessages(), l.getMaxStopStrings(),
                l.getMaxStopBytes(), l.getMaxTopK(), l.getMaxTemperature(), l.getMaxRepeatPenalty(), l.getMaxSeed(),
                l.getMaxPromptBytes(), l.getMaxContextTokens(), l.getMaxJsonSchemaBytes(), l.getMaxLogitBiasEntries()),
                info.getVocabularySize(), info.getEmbeddingLength(), info.getPooling(), info.getMaxEmbeddingInputs());
    }

    /** One input's embedding. */
    static Embedded embedded(Embedding embedding) {
        float[] vector = new float[embedding.getValuesCount()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = embedding.getValues(i);
        }
        return new Embedded(vector, embedding.getPromptTokens());
    }
}
