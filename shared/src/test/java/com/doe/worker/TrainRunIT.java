package com.doe.worker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole-run training with chunks, progress markers and the model registry on Blob Storage (Azurite locally). */
class TrainRunIT {

    private final BlobRunStores stores = new BlobRunStores();

    @AfterEach
    void deleteContainers() {
        stores.close();
    }

    @Test
    void trainOverEveryChunkStoresOneVersionAndScoresWithIt() {
        MlRunScenarios.trainOverEveryChunkStoresOneVersionAndScoresWithIt(stores.driver());
    }
}
