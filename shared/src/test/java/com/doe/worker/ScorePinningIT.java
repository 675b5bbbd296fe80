package com.doe.worker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A score run's pinned model version, with chunks and the model registry on Blob Storage (Azurite locally). */
class ScorePinningIT {

    private final BlobRunStores stores = new BlobRunStores();

    @AfterEach
    void deleteContainers() {
        stores.close();
    }

    @Test
    void scoreRunKeepsItsVersionWhenLatestMovesMidRun() {
        MlRunScenarios.scoreRunKeepsItsVersionWhenLatestMovesMidRun(stores.driver());
    }
}
