package com.doe.kafka;

import com.doe.event.EventType;
import com.doe.step.StageKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicNamesTest {

    @Test
    void eachStageKindHasItsOwnTaskTopic() {
        assertThat(TopicNames.stageTasks(StageKind.TRANSFORM)).isEqualTo("doe.stage-task.transform");
        assertThat(TopicNames.stageTasks("ml")).isEqualTo("doe.stage-task.ml");
        assertThat(TopicNames.stageTasks(StageKind.LOAD)).isEqualTo(TopicNames.LOAD_TASKS);
    }

    @Test
    void unknownStageKindIsRefusedWithTheKnownKinds() {
        assertThatThrownBy(() -> TopicNames.stageTasks("score"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transform, ml and load");
    }

    @Test
    void provisionedTopicsAreTheTaskTopicsPerKindAndTheOtherEventTopics() {
        assertThat(TopicNames.all()).containsExactlyInAnyOrder(
                EventType.RUN_STARTED.topic(), EventType.STAGE_DONE.topic(), EventType.RUN_COMPLETED.topic(),
                "doe.stage-task.transform", "doe.stage-task.ml", "doe.stage-task.load", TopicNames.DEAD_LETTER);
    }
}
