package com.doe.sink;

/** The destination-specific counters of a {@link SinkStats}. */
public sealed interface SinkDetail permits SinkDetail.Neo4j, SinkDetail.Cosmos, SinkDetail.Blob, SinkDetail.Kafka,
        SinkDetail.Recording {

    /** The sum of two details of the same sink. */
    SinkDetail plus(SinkDetail other);

    /**
     * Neo4j's own update counters, summed over the chunk's transactions.
     *
     * @param nodesCreated         nodes created (0 when every MERGE matched)
     * @param relationshipsCreated relationships created
     * @param propertiesSet        properties set, including values rewritten unchanged
     * @param transactions         write transactions committed (one per batch)
     */
    record Neo4j(long nodesCreated, long relationshipsCreated, long propertiesSet, long transactions)
            implements SinkDetail {
        @Override
        public SinkDetail plus(SinkDetail other) {
            Neo4j o = (Neo4j) other;
            return new Neo4j(nodesCreated + o.nodesCreated, relationshipsCreated + o.relationshipsCreated,
                    propertiesSet + o.propertiesSet, transactions + o.transactions);
        }
    }

    /**
     * Cosmos DB bulk upserts.
     *
     * @param requestCharge request units consumed, as reported per operation
     * @param documents     upsert operations sent (rows with the same id in one chunk are sent once: the last)
     */
    record Cosmos(double requestCharge, long documents) implements SinkDetail {
        @Override
        public SinkDetail plus(SinkDetail other) {
            Cosmos o = (Cosmos) other;
            return new Cosmos(requestCharge + o.requestCharge, documents + o.documents);
        }
    }

    /**
     * Files written to Blob Storage.
     *
     * @param files files uploaded (0 for an empty chunk)
     * @param bytes their size
     */
    record Blob(long files, long bytes) implements SinkDetail {
        @Override
        public SinkDetail plus(SinkDetail other) {
            Blob o = (Blob) other;
            return new Blob(files + o.files, bytes + o.bytes);
        }
    }

    /**
     * Records published to Kafka.
     *
     * @param produced       records produced by this delivery
     * @param alreadyPresent records skipped because an earlier delivery of the chunk had produced them
     * @param bytes          encoded value bytes produced
     */
    record Kafka(long produced, long alreadyPresent, long bytes) implements SinkDetail {
        @Override
        public SinkDetail plus(SinkDetail other) {
            Kafka o = (Kafka) other;
            return new Kafka(produced + o.produced, alreadyPresent + o.alreadyPresent, bytes + o.bytes);
        }
    }

    /**
     * A {@link RecordingSink}'s count of rows held in memory.
     *
     * @param stored distinct keys held after the chunk
     */
    record Recording(long stored) implements SinkDetail {
        @Override
        public SinkDetail plus(SinkDetail other) {
            return new Recording(Math.max(stored, ((Recording) other).stored));
        }
    }
}
