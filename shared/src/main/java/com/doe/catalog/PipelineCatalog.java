package com.doe.catalog;

import com.doe.DoeException;
import com.doe.RetryableException;
import com.doe.catalog.PipelineStore.Tagged;
import com.doe.format.AvroSchemas;
import com.doe.pipeline.InvalidPipelineException;
import com.doe.pipeline.PipelineText;
import com.doe.pipeline.PipelineValidator;
import com.doe.pipeline.Problem;
import com.doe.pipeline.Validation;
import com.doe.schema.DatasetSchemas;
import com.doe.schema.IncompatibleSchemaException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pipeline definitions and their immutable versions: what {@code PUT/GET/DELETE /api/pipelines}
 * and the blob ingest use. Saving validates the definition (every problem at once), registers the
 * pipeline's output schema under {@code dataset.<pipelineId>} (refused when its compatibility
 * mode forbids the change) and stores a new version that becomes active. Saving a definition equal
 * to the active version stores nothing.
 *
 * <p>Thread-safe. Concurrent saves of one pipeline each get their own version number; the one
 * stored last is active.
 */
public final class PipelineCatalog {

    private static final int MAX_ATTEMPTS = 20;

    private final PipelineStore store;
    private final PipelineValidator validator;
    private final DatasetSchemas datasets;
    private final Clock clock;

    public PipelineCatalog(PipelineStore store, PipelineValidator validator, DatasetSchemas datasets, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.datasets = datasets;
        this.clock = clock;
    }

    /**
     * Validates and stores {@code text} (JSON or YAML) as the next version of {@code pipelineId}.
     * The definition's {@code id} may be left out (it is taken from {@code pipelineId}); when present
     * it must match.
     */
    public SaveOutcome save(String pipelineId, String text) {
        JsonNode tree;
        try {
            tree = PipelineText.parse(text);
        } catch (InvalidPipelineException e) {
            return new SaveOutcome.Invalid(e.problems());
        }
        JsonNode declaredId = tree.get("id");
        if (declaredId == null) {
            ((ObjectNode) tree).put("id", pipelineId);
        } else if (!pipelineId.equals(declaredId.asText())) {
            return new SaveOutcome.Invalid(List.of(new Problem("/id", "The definition's id '" + declaredId.asText()
                    + "' differs from the pipeline '" + pipelineId + "' it is saved as.",
                    "Use the same id in the definition and in the URL, or leave id out of the definition.")));
        }
        Validation validation = validator.validate(tree, null);
        if (!validation.isValid()) {
            return new SaveOutcome.Invalid(validation.problems());
        }
        String fingerprint = validation.definition().version();
        Optional<PipelineVersion> active = active(pipelineId);
        if (active.isPresent() && active.get().fingerprint().equals(fingerprint)) {
            enable(pipelineId);
            return new SaveOutcome.Unchanged(active.get());
        }
        Integer datasetVersion = null;
        if (validation.pipeline() != null) {
            try {
                datasetVersion = datasets.onPipelineSaved(pipelineId,
                        AvroSchemas.toAvro(validation.pipeline().outputSchema())).version();
            } catch (IncompatibleSchemaException e) {
                return new SaveOutcome.Incompatible(e.subject(), e.mode().name(), e.reasons());
            }
        }
        return new SaveOutcome.Created(store(pipelineId, PipelineText.canonical(tree), fingerprint, datasetVersion));
    }

    /** The pipeline's head, if it has at least one version. */
    public Optional<PipelineHead> head(String pipelineId) {
        return store.readHead(pipelineId).map(Tagged::value).filter(head -> head.latestVersion() > 0);
    }

    /** The version new runs use (also when the pipeline is disabled; see {@link #forNewRun}). */
    public Optional<PipelineVersion> active(String pipelineId) {
        return head(pipelineId).flatMap(head -> store.readVersion(pipelineId, head.activeVersion()));
    }

    /**
     * The version a new run of {@code pipelineId} must use.
     *
     * @throws PipelineNotFoundException when the pipeline does not exist
     * @throws PipelineDisabledException when it was disabled
     */
    public PipelineVersion forNewRun(String pipelineId) {
        PipelineHead head = head(pipelineId).orElseThrow(() -> PipelineNotFoundException.pipeline(pipelineId));
        if (!head.enabled()) {
            throw new PipelineDisabledException(pipelineId);
        }
        return version(pipelineId, head.activeVersion());
    }

    /** @throws PipelineNotFoundException when the pipeline or version does not exist */
    public PipelineVersion version(String pipelineId, int version) {
        PipelineHead head = head(pipelineId).orElseThrow(() -> PipelineNotFoundException.pipeline(pipelineId));
        return store.readVersion(pipelineId, version)
                .orElseThrow(() -> PipelineNotFoundException.version(pipelineId, version, head.latestVersion()));
    }

    /** Every version of the pipeline, oldest first. */
    public List<PipelineVersion> versions(String pipelineId) {
        PipelineHead head = head(pipelineId).orElseThrow(() -> PipelineNotFoundException.pipeline(pipelineId));
        List<PipelineVersion> versions = new ArrayList<>();
        for (int v = 1; v <= head.latestVersion(); v++) {
            versions.add(version(pipelineId, v));
        }
        return versions;
    }

    /** Every pipeline with at least one version, in id order. */
    public List<PipelineHead> list() {
        return store.heads().stream().filter(head -> head.latestVersion() > 0).toList();
    }

    /** What changed from version {@code from} to version {@code to}. */
    public List<Change> diff(String pipelineId, int from, int to) {
        return DefinitionDiff.between(PipelineText.parse(version(pipelineId, from).definition()),
                PipelineText.parse(version(pipelineId, to).definition()));
    }

    /**
     * Stops new runs of the pipeline; its versions and runs are kept, and saving a definition
     * enables it again.
     *
     * @return false when the pipeline does not exist
     */
    public boolean disable(String pipelineId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Tagged<PipelineHead>> tagged = store.readHead(pipelineId);
            if (tagged.isEmpty() || tagged.get().value().latestVersion() == 0) {
                return false;
            }
            if (store.replaceHead(tagged.get().value().disable(clock.instant()), tagged.get().etag())) {
                return true;
            }
        }
        throw contended(pipelineId);
    }

    /** Saving the active definition again re-enables a disabled pipeline without a new version. */
    private void enable(String pipelineId) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Tagged<PipelineHead> tagged = store.readHead(pipelineId).orElseThrow();
            PipelineHead head = tagged.value();
            if (head.enabled() || store.replaceHead(head.activate(head.activeVersion(), clock.instant()), tagged.etag())) {
                return;
            }
        }
        throw contended(pipelineId);
    }

    /**
     * Claims the next version number: the version item is created first (write-once), then the head
     * is moved to it with an ETag condition. A version found already stored under the next number (a
     * concurrent save, or one that stopped between the two writes) is counted in the head and the
     * next number is tried.
     */
    private PipelineVersion store(String pipelineId, String definition, String fingerprint, Integer datasetVersion) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Tagged<PipelineHead>> tagged = store.readHead(pipelineId);
            if (tagged.isEmpty()) {
                store.createHead(new PipelineHead(pipelineId, 0, 0, true, clock.instant()));
                continue;
            }
            PipelineHead head = tagged.get().value();
            int next = head.latestVersion() + 1;
            PipelineVersion candidate = new PipelineVersion(pipelineId, next, definition, fingerprint, datasetVersion,
                    clock.instant());
            if (!store.createVersion(candidate)) {
                store.replaceHead(head.adopt(next, clock.instant()), tagged.get().etag());
                continue;
            }
            if (store.replaceHead(head.activate(next, clock.instant()), tagged.get().etag())) {
                return candidate;
            }
            activateStored(pipelineId, next);
            return candidate;
        }
        throw contended(pipelineId);
    }

    /** Our version is stored but the head moved meanwhile: make it active unless a newer one exists. */
    private void activateStored(String pipelineId, int version) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Tagged<PipelineHead> tagged = store.readHead(pipelineId).orElseThrow();
            PipelineHead head = tagged.value();
            if (head.latestVersion() > version || head.activeVersion() == version) {
                return;
            }
            if (store.replaceHead(head.activate(version, clock.instant()), tagged.etag())) {
                return;
            }
        }
        throw contended(pipelineId);
    }

    private static DoeException contended(String pipelineId) {
        return new RetryableException("Pipeline '" + pipelineId + "' is being changed by many writers at once; "
                + "try the request again.");
    }
}
