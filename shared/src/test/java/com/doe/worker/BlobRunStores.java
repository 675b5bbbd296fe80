package com.doe.worker;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.chunk.BlobChunkStore;
import com.doe.chunk.ChunkCodec;
import com.doe.ml.registry.BlobModelStore;
import com.doe.orchestration.BlobStageProgress;
import com.doe.quarantine.BlobQuarantineSink;
import com.doe.testing.Azurite;

/** Fresh {@code work}, {@code quarantine} and {@code models} containers on Blob Storage, and a {@link RunDriver} over them. */
final class BlobRunStores implements AutoCloseable {

    private final BlobContainerClient work = Azurite.freshContainer("work");
    private final BlobContainerClient quarantine = Azurite.freshContainer("quarantine");
    private final BlobContainerClient models = Azurite.freshContainer("models");

    RunDriver driver() {
        return new RunDriver(new BlobChunkStore(work, ChunkCodec.DEFAULT), new BlobQuarantineSink(quarantine),
                new BlobStageProgress(work), new BlobModelStore(models));
    }

    @Override
    public void close() {
        work.deleteIfExists();
        quarantine.deleteIfExists();
        models.deleteIfExists();
    }
}
