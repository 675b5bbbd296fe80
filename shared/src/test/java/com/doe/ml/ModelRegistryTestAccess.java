package com.doe.ml;

import com.doe.ml.registry.ModelStore;

/** Lets the Blob integration test run the in-memory registry test's scenario. */
public final class ModelRegistryTestAccess {

    private ModelRegistryTestAccess() {
    }

    public static void behavesAsARegistry(ModelStore store) throws InterruptedException {
        ModelRegistryTest.behavesAsARegistry(store);
    }

    public static void concurrentRegistrationsWithOneKeyStoreOneVersion(ModelStore store) throws InterruptedException {
        ModelRegistryTest.concurrentRegistrationsWithOneKeyStoreOneVersion(store);
    }
}
