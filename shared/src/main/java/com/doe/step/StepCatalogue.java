package com.doe.step;

import com.doe.step.clean.CleanStepType;
import com.doe.step.enrich.EnrichStepType;
import com.doe.step.map.MapStepType;
import com.doe.step.ml.ScoreStepType;
import com.doe.step.ml.TrainStepType;
import com.doe.step.sink.BlobSinkStepType;
import com.doe.step.sink.CosmosStepType;
import com.doe.step.sink.KafkaStepType;
import com.doe.step.sink.Neo4jStepType;
import com.doe.step.validate.ValidateStepType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of step types by name. Adding a step type means adding it here; the validator, the
 * planner, the JSON Schema and the docs pick it up. Immutable and thread-safe.
 */
public final class StepCatalogue {

    private static final StepCatalogue STANDARD = new StepCatalogue(List.of(
            new CleanStepType(), new ValidateStepType(), new MapStepType(), new EnrichStepType(),
            new TrainStepType(), new ScoreStepType(),
            new Neo4jStepType(), new CosmosStepType(), new BlobSinkStepType(), new KafkaStepType()));

    private final Map<String, StepType> types;

    public StepCatalogue(List<StepType> types) {
        Map<String, StepType> map = new LinkedHashMap<>();
        for (StepType t : types) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalArgumentException("two step types named " + t.name());
            }
        }
        this.types = Collections.unmodifiableMap(map);
    }

    /** Every step type DOE knows: transform steps executed here, ML and sink steps declared here. */
    public static StepCatalogue standard() {
        return STANDARD;
    }

    public Optional<StepType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<StepType> types() {
        return types.values();
    }

    public List<String> names() {
        return List.copyOf(types.keySet());
    }
}
