package dev.llmplatform.inference.grpc;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** Serves {@link ScriptedModelSource}'s paced engine (2 slots, queue of 3; see application.properties). */
public class ScriptedEngineProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedModelSource.class);
    }
}
