package com.doe.event;

import com.doe.event.avro.RunCompleted;
import com.doe.event.avro.RunStarted;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageTask;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A kind of event: its generated Avro class, the registry subject its schema evolves under, and
 * the Kafka topic that carries it. One topic per event type, so a consumer reads one type and
 * resolves every writer version to one reader schema.
 *
 * @param <T> the generated class
 */
public final class EventType<T extends SpecificRecord> {

    public static final EventType<RunStarted> RUN_STARTED =
            new EventType<>(RunStarted.class, RunStarted.getClassSchema(), "doe.run-started");
    public static final EventType<StageTask> STAGE_TASK =
            new EventType<>(StageTask.class, StageTask.getClassSchema(), "doe.stage-task");
    public static final EventType<StageDone> STAGE_DONE =
            new EventType<>(StageDone.class, StageDone.getClassSchema(), "doe.stage-done");
    public static final EventType<RunCompleted> RUN_COMPLETED =
            new EventType<>(RunCompleted.class, RunCompleted.getClassSchema(), "doe.run-completed");

    private final Class<T> javaClass;
    private final Schema schema;
    private final String subject;
    private final String topic;

    private EventType(Class<T> javaClass, Schema schema, String topic) {
        this(javaClass, schema, "event." + schema.getName(), topic);
    }

    private EventType(Class<T> javaClass, Schema schema, String subject, String topic) {
        this.javaClass = javaClass;
        this.schema = schema;
        this.subject = subject;
        this.topic = topic;
    }

    /** Every event type DOE publishes. */
    public static List<EventType<?>> all() {
        return List.of(RUN_STARTED, STAGE_TASK, STAGE_DONE, RUN_COMPLETED);
    }

    /**
     * Another event type, e.g. of a pipeline's own events. Generated classes of successive
     * versions of one record share the subject.
     */
    public static <T extends SpecificRecord> EventType<T> of(Class<T> javaClass, Schema schema, String subject,
            String topic) {
        return new EventType<>(Objects.requireNonNull(javaClass), Objects.requireNonNull(schema),
                com.doe.schema.SchemaRegistry.requireSubject(subject), Objects.requireNonNull(topic));
    }

    public Class<T> javaClass() {
        return javaClass;
    }

    /** The schema compiled into this process: the writer schema when producing, the reader schema when consuming. */
    public Schema schema() {
        return schema;
    }

    /** Registry subject: {@code event.} and the record name, e.g. {@code event.StageTask}. */
    public String subject() {
        return subject;
    }

    /** The Kafka topic (an event hub in Azure). */
    public String topic() {
        return topic;
    }

    @Override
    public String toString() {
        return schema.getName();
    }
}
