package com.doe.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.doe.chunk.InMemoryChunkStore;
import com.doe.event.avro.ErrorClass;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageOutcome;
import com.doe.event.avro.StageTask;
import com.doe.ml.MlFixtures;
import com.doe.ml.registry.InMemoryModelStore;
import com.doe.orchestration.InMemoryStageProgress;
import com.doe.quarantine.InMemoryQuarantineSink;
import com.doe.run.RunStatus;
import org.junit.jupiter.api.Test;

/** {@link MlRunScenarios} on in-memory stores; {@code TrainRunIT} and {@code ScorePinningIT} run them on Blob Storage. */
class MlRunTest {

    private final RunDriver driver = new RunDriver(new InMemoryChunkStore(), new InMemoryQuarantineSink(),
            new InMemoryStageProgress(), new InMemoryModelStore());

    @Test
    void trainOverEveryChunkStoresOneVersionAndScoresWithIt() {
        MlRunScenarios.trainOverEveryChunkStoresOneVersionAndScoresWithIt(driver);
    }

    @Test
    void scoreRunKeepsItsVersionWhenLatestMovesMidRun() {
        MlRunScenarios.scoreRunKeepsItsVersionWhenLatestMovesMidRun(driver);
    }

    @Test
    void scoreStepOnAModelThatDoesNotExistRefusesTheRunBeforeIngestNamingTheStep() {
        driver.catalog.save("ml-test", MlFixtures.pipeline(400, MlRunScenarios.SCORE));

        StartOutcome outcome = driver.land("ml-test", "c.csv", "0x1", MlFixtures.csv(MlRunScenarios.ROWS));

        assertThat(outcome).isInstanceOf(StartOutcome.Refused.class);
        assertThat(outcome.record().status()).isEqualTo(RunStatus.Failed);
        assertThat(outcome.record().error()).contains("pipeline 'ml-test' version 1 cannot run with the models in the "
                + "registry", "/steps/0/model", "Step 'predict' (score)", "There is no model named 'zones'");
        assertThat(driver.chunks.list(outcome.runId(), "ingest")).isEmpty();
        assertThat(driver.registry.list()).isEmpty();
    }

    @Test
    void taskOfTheWrongShapeForItsStageIsPermanent() {
        driver.catalog.save("ml-test", MlFixtures.pipeline(400, MlRunScenarios.TRAIN));
        StartOutcome.Start start = (StartOutcome.Start) driver.land("ml-test", "d.csv", "0x1", MlFixtures.csv(MlRunScenarios.ROWS));
        StageTask whole = driver.dispatch(start.state().input(), start.state().input().stages().get(0), 1).get(0);

        StageDone perChunk = driver.handle(StageTask.newBuilder(whole).setChunkIndex(0)
                .setInputChunkUri(whole.getInputChunkUri() + "00000.avro").build());

        assertThat(perChunk.getOutcome()).isEqualTo(StageOutcome.FAILED);
        assertThat(perChunk.getError().getErrorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(perChunk.getError().getMessage()).contains("stage 'ml-1' runs once over the whole run, but the task "
                + "is for chunk 0");
        assertThat(driver.registry.list()).isEmpty();
    }
}
