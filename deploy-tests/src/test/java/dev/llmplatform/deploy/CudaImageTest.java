package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CUDA image builds java-llama.cpp v4.2.0 with the CUDA backend on a CUDA devel image, runs on the matching
 * CUDA runtime image, points the service at the built library, and leaves the offload to the service's memory plan.
 */
class CudaImageTest {

    private static final Dockerfile CUDA = DockerfileTest.read(Platform.INFERENCE, "Dockerfile.cuda");

    @Test
    void buildsJavaLlamaCppWithCudaOnADevelImage() {
        Dockerfile.Stage builder = CUDA.stages().get(0);
        assertTrue(builder.image().matches("nvidia/cuda:[\\d.]+-devel-ubuntu[\\d.]+"), builder.image());
        String run = String.join("\n", builder.all("RUN").stream().map(Dockerfile.Instruction::arguments).toList());
        assertTrue(run.contains("--branch \"v4.2.0\"") || run.contains("--branch v4.2.0"), "clones tag v4.2.0");
        assertTrue(run.contains("-DGGML_CUDA=ON"), "CUDA backend");
        assertTrue(run.contains("resources_linux_cuda/de/kherud/llama/Linux/x86_64/libjllama.so"),
                "copies the library from where java-llama.cpp's CMakeLists.txt puts CUDA builds");
    }

    @Test
    void runsOnTheMatchingCudaRuntimeWithTheBuiltLibrary() {
        Dockerfile.Stage builder = CUDA.stages().get(0);
        Dockerfile.Stage runtime = CUDA.finalStage();
        assertTrue(runtime.image().matches("nvidia/cuda:[\\d.]+-runtime-ubuntu[\\d.]+"), runtime.image());
        String cudaVersion = builder.image().split(":")[1].split("-")[0];
        assertEquals(cudaVersion, runtime.image().split(":")[1].split("-")[0], "devel and runtime CUDA versions");
        String copy = runtime.all("COPY").stream().map(Dockerfile.Instruction::arguments)
                .filter(a -> a.contains("--from=" + builder.alias()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the runtime copies nothing from " + builder.alias()));
        String libraryDir = copy.trim().split("\\s+")[2].replaceAll("/$", "");
        assertEquals(libraryDir, runtime.env().get("LLM_NATIVE_LIB_PATH"),
                "LLM_NATIVE_LIB_PATH must name the folder holding libjllama.so");
    }

    @Test
    void offloadIsSizedByTheServiceNotForced() {
        assertFalse(CUDA.finalStage().env().containsKey("LLM_GPU_LAYERS"), "LLM_GPU_LAYERS=999 in the image forces every"
                + " layer onto the GPU even when it does not fit; unset, the service sizes offload from free memory");
    }
}
