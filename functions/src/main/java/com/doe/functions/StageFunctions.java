package com.doe.functions;

import com.doe.app.DoeServices;
import com.doe.kafka.KafkaBatch;
import com.doe.step.StageKind;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.KafkaTrigger;

/**
 * The stage functions: one per stage kind, each in its own consumer group on the task topic
 * ({@code doe.stage-task}), in batches of value bytes. Each runs the tasks of its kind and
 * publishes their {@code StageDone} answers ({@link com.doe.worker.StageTaskBatch}).
 */
public final class StageFunctions {

    private static final String TOPIC = "doe.stage-task";

    @FunctionName("TransformStage")
    public void transform(
            @KafkaTrigger(name = "tasks", topic = TOPIC, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-transform", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.TRANSFORM, tasks, partitions, offsets);
    }

    @FunctionName("MlStage")
    public void ml(
            @KafkaTrigger(name = "tasks", topic = TOPIC, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-ml", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.ML, tasks, partitions, offsets);
    }

    @FunctionName("LoadStage")
    public void load(
            @KafkaTrigger(name = "tasks", topic = TOPIC, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-load", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.LOAD, tasks, partitions, offsets);
    }

    private static void run(StageKind kind, byte[][] tasks, int[] partitions, long[] offsets) {
        DoeServices.get().stageTaskBatch().run(kind, new KafkaBatch(TOPIC, tasks, partitions, offsets));
    }
}
