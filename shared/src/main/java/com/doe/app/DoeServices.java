package com.doe.app;

import com.doe.api.PipelineApi;
import com.doe.api.RunApi;
import com.doe.api.SchemaApi;
import com.doe.catalog.PipelineCatalog;
import com.doe.catalog.cosmos.CosmosPipelineStore;
import com.doe.clients.ServiceClients;
import com.doe.pipeline.PipelineValidator;
import com.doe.preview.Preview;
import com.doe.run.RunLedger;
import com.doe.run.cosmos.CosmosRunStore;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.SchemaRegistry;
import com.doe.schema.SchemaRegistryService;
import com.doe.schema.cosmos.CosmosRegistryStore;
import com.doe.settings.AppSettings;
import com.doe.step.StepCatalogue;
import com.doe.step.StepServices;
import com.doe.step.enrich.BlobLookupSource;

import java.time.Clock;

/**
 * The services of one worker process, wired from application settings: what every function calls
 * into. Built on first use and shared by all invocations (SDK clients and caches are expensive and
 * thread-safe); the worker's shutdown closes the clients.
 *
 * <p>Thread-safe.
 */
public final class DoeServices implements AutoCloseable {

    private static volatile DoeServices current;

    private final ServiceClients clients;
    private final StepCatalogue catalogue = StepCatalogue.standard();
    private final SchemaRegistry registry;
    private final PipelineCatalog pipelines;
    private final RunLedger runs;
    private final PipelineApi pipelineApi;
    private final SchemaApi schemaApi;
    private final RunApi runApi;

    public DoeServices(AppSettings settings) {
        this.clients = new ServiceClients(settings);
        PipelineValidator validator = new PipelineValidator(catalogue);
        this.registry = new SchemaRegistry(CosmosRegistryStore.fromSettings(clients.cosmos(), settings));
        this.pipelines = new PipelineCatalog(CosmosPipelineStore.fromSettings(clients.cosmos(), settings), validator,
                new DatasetSchemas(registry), Clock.systemUTC());
        this.runs = new RunLedger(CosmosRunStore.fromSettings(clients.cosmos(), settings));
        StepServices steps = StepServices.of(new BlobLookupSource(clients.blob()));
        this.pipelineApi = new PipelineApi(pipelines, validator, new Preview(catalogue, steps));
        this.schemaApi = new SchemaApi(new SchemaRegistryService(registry));
        this.runApi = new RunApi(runs);
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

    public PipelineCatalog pipelines() {
        return pipelines;
    }

    public RunLedger runs() {
        return runs;
    }

    public SchemaRegistry schemaRegistry() {
        return registry;
    }

    @Override
    public void close() {
        clients.close();
    }
}
