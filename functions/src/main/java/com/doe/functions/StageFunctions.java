package com.doe.functions;

import com.doe.app.DoeServices;
import com.doe.kafka.KafkaBatch;
import com.doe.kafka.TopicNames;
import com.doe.step.StageKind;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.KafkaTrigger;

/**
 * The stage functions: one per stage kind, each on its kind's task topic
 * ({@code doe.stage-task.<kind>}) in its own consumer group, in batches of value bytes. Each runs
 * its tasks and publishes their {@code StageDone} answers ({@link com.doe.worker.StageTaskBatch}).
 */
public final class StageFunctions {

    @FunctionName("TransformStage")
    public void transform(
            @KafkaTrigger(name = "tasks", topic = TopicNames.TRANSFORM_TASKS, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-transform", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.TRANSFORM, tasks, partitions, offsets);
    }

    @FunctionName("MlStage")
    public void ml(
            @KafkaTrigger(name = "tasks", topic = TopicNames.ML_TASKS, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-ml", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.ML, tasks, partitions, offsets);
    }

    @FunctionName("LoadStage")
    public void load(
            @KafkaTrigger(name = "tasks", topic = TopicNames.LOAD_TASKS, brokerList = "%KafkaBootstrapServers%",
                    consumerGroup = "doe-stage-load", cardinality = Cardinality.MANY, dataType = "binary") byte[][] tasks,
            @BindingName("PartitionArray") int[] partitions,
            @BindingName("OffsetArray") long[] offsets,
            ExecutionContext context) {
        run(StageKind.LOAD, tasks, partitions, offsets);
    }

    private static void run(StageKind kind, byte[][] tasks, int[] partitions, long[] offsets) {
        DoeServices.get().stageTaskBatch().run(kind, new KafkaBatch(TopicNames.stageTasks(kind), tasks, partitions, offsets));
    }
}
