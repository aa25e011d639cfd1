package dev.llmplatform.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CUDA image builds java-llama.cpp v4.2.0 with the CUDA backend on a CUDA devel image, runs on the matching
 * CUDA runtime image, and points the service at the built library; the native images build with Mandrel.
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
    void nativeImagesBuildWithMandrelAndTheNativeProfile() {
        for (Platform service : List.of(Platform.GATEWAY, Platform.TOKENIZER)) {
            Dockerfile dockerfile = DockerfileTest.read(service, "Dockerfile.native");
            Dockerfile.Stage builder = dockerfile.stages().get(0);
            assertTrue(builder.image().contains("mandrel"), service + ": builder " + builder.image());
            assertTrue(builder.all("RUN").stream().anyMatch(r -> r.arguments().contains("-Pnative")
                    && r.arguments().contains("-pl " + service.module())), service + ": native build command");
            assertTrue(dockerfile.finalStage().all("COPY").stream()
                    .anyMatch(c -> c.arguments().contains("--from=" + builder.alias())
                            && c.arguments().contains(service.module() + "/target/*-runner")),
                    service + ": the runtime stage must copy the native executable");
        }
    }
}
