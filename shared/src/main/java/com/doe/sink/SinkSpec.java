package com.doe.sink;

import com.doe.format.DatasetSchema;
import com.doe.step.sink.SinkConfig;

/**
 * Everything needed to build the sink of one step.
 *
 * @param pipelineId the pipeline
 * @param stepId     the step
 * @param config     the checked settings
 * @param input      the schema of the rows the sink receives
 */
public record SinkSpec(String pipelineId, String stepId, SinkConfig config, DatasetSchema input) {
}
