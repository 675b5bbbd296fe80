package com.doe.app;

import com.doe.api.ModelApi;
import com.doe.api.PipelineApi;
import com.doe.api.RunApi;
import com.doe.api.SchemaApi;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.cosmos.CosmosPipelineStore;
import com.doe.chunk.BlobChunkStore;
import com.doe.chunk.ChunkCodec;
import com.doe.chunk.ChunkStore;
import com.doe.clients.Lazy;
import com.doe.clients.ServiceClients;
import com.doe.ml.RunModels;
import com.doe.ml.registry.BlobModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelSource;
import com.doe.kafka.KafkaClientConfigs;
import com.doe.orchestration.BlobStageProgress;
import com.doe.orchestration.DispatchStageTasks;
import com.doe.orchestration.FinishRun;
import com.doe.orchestration.InspectStage;
import com.doe.orchestration.RecordProgress;
import com.doe.orchestration.StageDoneBatch;
import com.doe.orchestration.StageDoneRelay;
import com.doe.orchestration.StageProgress;
import com.doe.pipeline.PipelineValidator;
import com.doe.preview.Preview;
import com.doe.quarantine.BlobQuarantineSink;
import com.doe.quarantine.QuarantineSink;
import com.doe.run.RunLedger;
import com.doe.run.RunNotFoundException;
import com.doe.sink.Sinks;
import com.doe.run.cosmos.CosmosRunStore;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.SchemaRegistryService;
import com.doe.schema.cosmos.CosmosRegistryStore;
import com.doe.settings.AppSettings;
import com.doe.step.StageKind;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.BlobLookupSource;
import com.doe.step.keys.BlobKeyClaimStore;
import com.doe.worker.BlobRejectedFiles;
import com.doe.worker.CompiledPipelines;
import com.doe.worker.RejectedFiles;
import com.doe.worker.RunStarter;
import com.doe.worker.StageFactory;
import com.doe.worker.LandedBlob;
import com.doe.format.SourceFile;
import com.doe.worker.StageTaskBatch;
import com.doe.worker.StageWorker;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * The services of one worker process, wired from application settings: what every function calls
 * into. Built on first use and shared by all invocations (SDK clients and caches are expensive and
 * thread-safe); the worker's shutdown closes the clients.
 *
 * <p>Thread-safe.
 */
public final class DoeServices implements AutoCloseable {

    /** Blob container of chunks, stage progress markers and run-wide key claims. */
    public static final String WORK_CONTAINER = "work";
    /** Blob container of rejected rows. */
    public static final String QUARANTINE_CONTAINER = "quarantine";
    /** Append blobs per key scope in the run-wide key store. */
    private static final int KEY_SHARDS = 16;

    private static volatile DoeServices current;

    private final ServiceClients clients;
    private final StepCatalogue catalogue = StepCatalogue.standard();
    private final SchemaRegistry registry;
    private final PipelineCatalog pipelines;
    private final RunLedger runs;
    private final PipelineApi pipelineApi;
    private final SchemaApi schemaApi;
    private final RunApi runApi;
    private final Lazy<ModelRegistry> models;
    private final Lazy<ModelApi> modelApi;
    private final StepServices steps;
    private final Lazy<ChunkStore> chunks;
    private final Lazy<QuarantineSink> quarantine;
    private final Lazy<StageProgress> progress;
    private final Lazy<ModelSource> modelSource;
    private final Lazy<CompiledPipelines> compiled;
    private final Lazy<StageWorker> stageWorker;
    private final Lazy<RunStarter> runStarter;
    private final Lazy<RunMessaging> messaging;
    private final Lazy<StageTaskBatch> stageTasks;
    private final Lazy<StageDoneBatch> stageDones;
    private final Lazy<DispatchStageTasks> dispatch;
    private final Lazy<FinishRun> finish;

    public DoeServices(AppSettings settings) {
        this.clients = new ServiceClients(settings);
        PipelineValidator validator = new PipelineValidator(catalogue);
        this.registry = new SchemaRegistry(CosmosRegistryStore.fromSettings(clients.cosmos(), settings));
        this.pipelines = new PipelineCatalog(CosmosPipelineStore.fromSettings(clients.cosmos(), settings), validator,
                new DatasetSchemas(registry), Clock.systemUTC());
        this.runs = new RunLedger(CosmosRunStore.fromSettings(clients.cosmos(), settings));
        this.steps = StepServices.of(new BlobLookupSource(clients.blob()));
        this.pipelineApi = new PipelineApi(pipelines, validator, new Preview(catalogue, steps));
        this.schemaApi = new SchemaApi(new SchemaRegistryService(registry));
        this.runApi = new RunApi(runs);
        this.models = new Lazy<>(() -> new ModelRegistry(new BlobModelStore(container(ModelRegistry.CONTAINER))));
        this.modelApi = new Lazy<>(() -> new ModelApi(models.get()));
        this.chunks = new Lazy<>(() -> new BlobChunkStore(container(WORK_CONTAINER), ChunkCodec.DEFAULT));
        this.quarantine = new Lazy<>(() -> new BlobQuarantineSink(container(QUARANTINE_CONTAINER)));
        this.progress = new Lazy<>(() -> new BlobStageProgress(container(WORK_CONTAINER)));
        this.modelSource = new Lazy<>(() -> new ModelSource(models.get()));
        this.compiled = new Lazy<>(() -> new CompiledPipelines(pipelines, catalogue, stageKinds()));
        this.stageWorker = new Lazy<>(() -> new StageWorker(compiled.get(), chunks.get(), quarantine.get(),
                container(QUARANTINE_CONTAINER).getBlobContainerUrl(), Clock.systemUTC()));
        this.runStarter = new Lazy<>(() -> new RunStarter(pipelines, compiled.get(), runs, chunks.get(), quarantine.get(),
                progress.get(), new BlobRejectedFiles(container(RejectedFiles.CONTAINER)), new RunModels(modelSource.get()),
                Clock.systemUTC()));
        this.messaging = new Lazy<>(() -> new RunMessaging(KafkaClientConfigs.fromSettings(settings), registry));
        this.stageTasks = new Lazy<>(() -> new StageTaskBatch(stageWorker.get(), messaging.get().stageTaskDecoder(),
                messaging.get().stageDones()));
        this.stageDones = new Lazy<>(() -> new StageDoneBatch(new StageDoneRelay(progress.get()),
                messaging.get().stageDoneDecoder()));
        this.dispatch = new Lazy<>(() -> new DispatchStageTasks(progress.get(), messaging.get().stageTasks(), workUrl(),
                Clock.systemUTC()));
        this.finish = new Lazy<>(() -> new FinishRun(runs, messaging.get().runCompleted(), Clock.systemUTC()));
    }

    /** The stage kinds this build runs: {@code transform}, {@code ml} and {@code load}. */
    private Map<StageKind, StageFactory> stageKinds() {
        Map<StageKind, StageFactory> kinds = new EnumMap<>(StageKind.class);
        kinds.put(StageKind.TRANSFORM, StageFactory.transform(steps,
                new BlobKeyClaimStore(container(WORK_CONTAINER), KEY_SHARDS)));
        kinds.put(StageKind.ML, StageFactory.ml(modelSource.get(), Clock.systemUTC()));
        kinds.put(StageKind.LOAD, StageFactory.load(new Sinks(clients, registry), this::runDate));
        return kinds;
    }

    /** The UTC date a run started, from its record. */
    private LocalDate runDate(String runId) {
        return runs.get(runId).orElseThrow(() -> new RunNotFoundException(runId)).startedAt()
                .atZone(ZoneOffset.UTC).toLocalDate();
    }

    private com.azure.storage.blob.BlobContainerClient container(String name) {
        return clients.blob().getBlobContainerClient(name);
    }

    /** The services of this process, built from the environment on first call. */
    public static DoeServices get() {
        DoeServices services = current;
        if (services == null) {
            synchronized (DoeServices.class) {
                services = current;
                if (services == null) {
                    services = new DoeServices(AppSettings.fromEnvironment());
                    Runtime.getRuntime().addShutdownHook(new Thread(services::close, "doe-services-shutdown"));
                    current = services;
                }
            }
        }
        return services;
    }

    public PipelineApi pipelineApi() {
        return pipelineApi;
    }

    public SchemaApi schemaApi() {
        return schemaApi;
    }

    public RunApi runApi() {
        return runApi;
    }

    /** {@code /api/models}, over the same model registry as the score and train steps. */
    public ModelApi modelApi() {
        return modelApi.get();
    }

    public PipelineCatalog pipelines() {
        return pipelines;
    }

    public RunLedger runs() {
        return runs;
    }

    public SchemaRegistry schemaRegistry() {
        return registry;
    }

    /** The logic of the stage functions ({@code transform}, {@code ml}, {@code load}). */
    public StageWorker stageWorker() {
        return stageWorker.get();
    }

    /** The logic of the blob-trigger ingest function. */
    public RunStarter runStarter() {
        return runStarter.get();
    }

    /** Stage progress markers, for {@code StageDoneRelay} and the orchestration's activities. */
    public StageProgress stageProgress() {
        return progress.get();
    }

    /** The {@code work} container's URL, which {@code DispatchStageTasks} puts in each task. */
    public String workUrl() {
        return container(WORK_CONTAINER).getBlobContainerUrl();
    }

    /**
     * A file the landing blob trigger delivered: {@code path} is the trigger's {@code container/name}
     * and {@code content} its bytes. The ETag is the blob's current one (the trigger binding does not
     * carry it); a file replaced in between is a new version that triggers again.
     */
    public LandedBlob landedBlob(String path, byte[] content) {
        int slash = path.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("Blob trigger path '" + path + "' is not container/name.");
        }
        String container = path.substring(0, slash);
        String name = path.substring(slash + 1);
        String etag = container(container).getBlobClient(name).getProperties().getETag();
        return new LandedBlob(container, name, etag, SourceFile.of(name, content));
    }

    /** Events, dead letters and their codecs on Kafka (Event Hubs in Azure). */
    public RunMessaging messaging() {
        return messaging.get();
    }

    /** The logic of the stage functions' Kafka batches. */
    public StageTaskBatch stageTaskBatch() {
        return stageTasks.get();
    }

    /** The logic of the {@code StageDoneRelay} function's Kafka batches. */
    public StageDoneBatch stageDoneBatch() {
        return stageDones.get();
    }

    /** Activity {@link DispatchStageTasks#NAME}. */
    public DispatchStageTasks dispatchStageTasks() {
        return dispatch.get();
    }

    /** Activity {@link InspectStage#NAME}. */
    public InspectStage inspectStage() {
        return new InspectStage(progress.get());
    }

    /** Activity {@link RecordProgress#NAME}. */
    public RecordProgress recordProgress() {
        return new RecordProgress(runs);
    }

    /** Activity {@link FinishRun#NAME}. */
    public FinishRun finishRun() {
        return finish.get();
    }

    @Override
    public void close() {
        if (messaging.isBuilt()) {
            messaging.get().close();
        }
        clients.close();
    }
}
