package com.doe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.ml.MlFixtures;
import com.doe.orchestration.StagePlan;
import com.doe.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static String train(String id, String model) {
        return "{\"id\": \"" + id + "\", \"type\": \"train\", \"model\": \"" + model + "\", \"task\": \"classification\", "
                + "\"features\": {\"numeric\": [\"x1\", \"x2\"]}, \"target\": \"cls\"}";
    }

    private static String score(String id, String model, String field) {
        return "{\"id\": \"" + id + "\", \"type\": \"score\", \"model\": \"" + model + "\", \"output\": {\"label\": \""
                + field + "\"}}";
    }

    private static final Pipeline PIPELINE = Pipeline.compile(MlFixtures.pipeline(
            "{\"id\": \"tidy\", \"type\": \"clean\", \"trim\": true}",
            train("learn-a", "a"), train("learn-b", "b"),
            score("score-a", "a", "label_a"), score("score-b", "b", "label_b"),
            "{\"id\": \"again\", \"type\": \"train\", \"model\": \"c\", \"task\": \"clustering\", "
                    + "\"features\": {\"numeric\": [\"x1\"]}}"));

    @Test
    void trainStepsFormAWholeRunStageAndScoreStepsALaterPerChunkStage() {
        Plan plan = Planner.plan(PIPELINE);

        assertThat(plan.stages()).extracting(Stage::name, Stage::wholeRun, Stage::steps, Stage::inputStage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("transform-1", false, List.of(0), "ingest"),
                        org.assertj.core.groups.Tuple.tuple("ml-2", true, List.of(1, 2), "transform-1"),
                        org.assertj.core.groups.Tuple.tuple("ml-3", false, List.of(3, 4), "ml-2"),
                        org.assertj.core.groups.Tuple.tuple("ml-4", true, List.of(5), "ml-3"));
        Stage training = plan.stage("ml-2");
        assertThat(training.output()).isEqualTo(training.input()); // rows pass through a train stage
    }

    @Test
    void stagePlansCarryWholeRunAndEachStageKeepsItsOwnPinnedVersions() {
        List<StagePlan> stages = StagePlan.of(PIPELINE, Planner.plan(PIPELINE), Map.of("score-a", 4, "score-b", 7));

        assertThat(stages).extracting(StagePlan::name, StagePlan::wholeRun, StagePlan::models).containsExactly(
                org.assertj.core.groups.Tuple.tuple("transform-1", false, Map.of()),
                org.assertj.core.groups.Tuple.tuple("ml-2", true, Map.of()),
                org.assertj.core.groups.Tuple.tuple("ml-3", false, Map.of("score-a", 4, "score-b", 7)),
                org.assertj.core.groups.Tuple.tuple("ml-4", true, Map.of()));
        assertThat(stages.get(1).tasks(5)).isEqualTo(1);
        assertThat(stages.get(2).tasks(5)).isEqualTo(5);
    }
}
