package com.doe.bench;

import com.doe.app.RunMessaging;
import com.doe.event.EventCodec;
import com.doe.event.EventType;
import com.doe.event.RecordPosition;
import com.doe.event.avro.StageDone;
import com.doe.event.avro.StageTask;
import com.doe.kafka.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads the run flow's {@code StageTask} and {@code StageDone} events as they pass, without a
 * consumer group (it takes no part in the flow): when each stage's tasks were dispatched, when each
 * chunk started and finished in a stage function, and the chunk's own phase times. Starts at the
 * topics' ends. Thread-safe.
 */
final class StageEventTap implements AutoCloseable {

    /** A dispatched task. */
    record Task(String stage, int chunk, int attempt, Instant dispatchedAt) {
    }

    /** A task's answer, with the worker's phase times (read, process, write). */
    record Done(String stage, int chunk, Instant startedAt, Instant finishedAt, Map<String, Long> phaseMillis) {
    }

    /** What was seen of one stage of one run. */
    record StageSeen(String stage, int tasks, int answers, Instant firstDispatch, Instant lastDispatch,
                     Instant firstStart, Instant lastFinish, Map<String, Long> phaseMillis, long busyMillis) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventCodec<StageTask> tasks;
    private final EventCodec<StageDone> dones;
    private final Map<String, List<Task>> tasksByRun = new ConcurrentHashMap<>();
    private final Map<String, List<Done>> donesByRun = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;

    StageEventTap(RunMessaging messaging) {
        this.tasks = messaging.codec(EventType.STAGE_TASK);
        this.dones = messaging.codec(EventType.STAGE_DONE);
        Map<String, Object> config = messaging.configs().consumer("doe-bench-tap-" + UUID.randomUUID(), "doe-bench-tap");
        config.remove("group.id");
        this.consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(TopicNames.TRANSFORM_TASKS, TopicNames.ML_TASKS, TopicNames.LOAD_TASKS,
                EventType.STAGE_DONE.topic())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::poll, "bench-event-tap");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void poll() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    RecordPosition where = new RecordPosition(r.topic(), r.partition(), r.offset());
                    if (r.topic().equals(EventType.STAGE_DONE.topic())) {
                        StageDone d = dones.decode(r.value(), where);
                        donesByRun.computeIfAbsent(d.getRunId(), k -> new CopyOnWriteArrayList<>()).add(new Done(d.getStageName(),
                                d.getChunkIndex(), d.getStartedAt(), d.getFinishedAt(), d.getPhaseMillis()));
                    } else {
                        StageTask t = tasks.decode(r.value(), where);
                        tasksByRun.computeIfAbsent(t.getRunId(), k -> new CopyOnWriteArrayList<>()).add(new Task(t.getStageName(),
                                t.getChunkIndex(), t.getAttempt(), t.getOccurredAt()));
                    }
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits until {@code answers} answers of the run were seen (or the timeout passed), then summarizes per stage. */
    List<StageSeen> stages(String runId, int answers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (donesByRun.getOrDefault(runId, List.of()).size() < answers && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Task> ts = List.copyOf(tasksByRun.getOrDefault(runId, List.of()));
        List<Done> ds = List.copyOf(donesByRun.getOrDefault(runId, List.of()));
        Map<String, StageSeen> out = new TreeMap<>();
        for (Task t : ts) {
            out.merge(t.stage(), new StageSeen(t.stage(), 1, 0, t.dispatchedAt(), t.dispatchedAt(), null, null, Map.of(), 0),
                    StageEventTap::merge);
        }
        for (Done d : ds) {
            long busy = Duration.between(d.startedAt(), d.finishedAt()).toMillis();
            out.merge(d.stage(), new StageSeen(d.stage(), 0, 1, null, null, d.startedAt(), d.finishedAt(),
                    d.phaseMillis(), busy), StageEventTap::merge);
        }
        List<StageSeen> stages = new ArrayList<>(out.values());
        stages.sort((a, b) -> compare(a.firstDispatch(), b.firstDispatch()));
        return stages;
    }

    /** Forgets a run's events (keeps memory flat over many runs). */
    void forget(String runId) {
        tasksByRun.remove(runId);
        donesByRun.remove(runId);
    }

    private static StageSeen merge(StageSeen a, StageSeen b) {
        Map<String, Long> phases = new TreeMap<>(a.phaseMillis());
        b.phaseMillis().forEach((k, v) -> phases.merge(k, v, Long::sum));
        return new StageSeen(a.stage(), a.tasks() + b.tasks(), a.answers() + b.answers(),
                min(a.firstDispatch(), b.firstDispatch()), max(a.lastDispatch(), b.lastDispatch()),
                min(a.firstStart(), b.firstStart()), max(a.lastFinish(), b.lastFinish()), phases,
                a.busyMillis() + b.busyMillis());
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static int compare(Instant a, Instant b) {
        return a == null ? (b == null ? 0 : 1) : b == null ? -1 : a.compareTo(b);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5_000);
    }
}
