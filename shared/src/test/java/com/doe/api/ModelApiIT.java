package com.doe.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.ml.MlFixtures;
import com.doe.ml.OnnxGraphs;
import com.doe.ml.RacingModelStore;
import com.doe.ml.registry.BlobModelStore;
import com.doe.ml.registry.ModelRegistry;
import com.doe.ml.score.ModelSource;
import com.doe.plan.StageResult;
import com.doe.testing.Azurite;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/models} on the Blob-backed registry (Azurite locally): uploads, listing, conditional promotion, scoring. */
class ModelApiIT {

    private static final Map<String, String> CLASSIFIER = Map.of("inputs", "x1,x2", "task", "classification");

    private final BlobContainerClient models = Azurite.freshContainer("models");
    private final RacingModelStore store = new RacingModelStore(new BlobModelStore(models));
    private final ModelApi api = new ModelApi(new ModelRegistry(store));

    @AfterEach
    void deleteContainer() {
        models.delete();
    }

    private ApiResponse upload(byte[] onnx, Map<String, String> query) {
        return api.upload("zones", onnx, "application/octet-stream", query);
    }

    @Test
    void anUploadedModelIsStoredInBlobStorageListedAndScoredByAnotherWorker() {
        byte[] onnx = OnnxGraphs.classifier(true, true);

        ApiResponse created = upload(onnx, Map.of("inputs", "x1,x2", "task", "classification", "promote", "true"));
        ApiResponse again = upload(onnx, CLASSIFIER);

        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(models.getBlobClient("zones/1/model.onnx").downloadContent().toBytes()).isEqualTo(onnx);
        assertThat(models.getBlobClient("zones/1/manifest.json").downloadContent().toString())
                .contains("\"kind\":\"onnx\"", "\"task\":\"classification\"", "\"inputs\":[\"x1\",\"x2\"]");
        assertThat(models.getBlobClient("zones/latest.json").downloadContent().toString()).isEqualTo("{\"version\":1}");
        assertThat(models.getBlobClient("zones/2/claim.json").exists()).as("the repeat claimed nothing").isFalse();
        JsonNode listed = api.list().body().at("/models/0");
        assertThat(listed.get("name").asText()).isEqualTo("zones");
        assertThat(listed.at("/summary/upload/sha256").asText()).isEqualTo(created.body().at("/upload/sha256").asText());

        ModelSource otherWorker = new ModelSource(new ModelRegistry(new BlobModelStore(models)));
        StageResult out = MlFixtures.score(otherWorker, MlFixtures.rows(50, 3), "{\"id\": \"predict\", \"type\": \"score\", "
                + "\"model\": \"zones\", \"output\": {\"label\": \"zone\", \"score\": \"p\"}}");

        assertThat(out.output().rows()).hasSize(50).allSatisfy(r -> {
            assertThat(r.record().get("zone").toString()).isIn("0", "1", "2");
            assertThat((Double) r.record().get("p")).isBetween(1.0 / 3, 1.0);
        });
    }

    @Test
    void promotionIsConditionalOnTheBlobPointer() {
        byte[] onnx = OnnxGraphs.classifier(true, true);
        upload(onnx, Map.of("inputs", "x1,x2", "task", "classification", "promote", "true"));
        upload(onnx, Map.of("inputs", "x2,x1", "task", "classification"));
        upload(OnnxGraphs.classifier(false, true), Map.of("inputs", "x1,x2", "task", "classification", "labels", "a,b,c"));

        ApiResponse stale = api.promote("zones", "2", "\"3\"");
        store.beforeNextReplace("zones/latest.json", () -> assertThat(api.promote("zones", "3", null).status()).isEqualTo(200));
        ApiResponse lost = api.promote("zones", "2", "\"1\"");
        ApiResponse retried = api.promote("zones", "2", "\"3\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(lost.status()).as(lost.bodyText()).isEqualTo(409);
        assertThat(lost.body().at("/error/message").asText()).contains("moved latest to version 3", "If-Match: \"3\"");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("previous").asInt()).isEqualTo(3);
        assertThat(models.getBlobClient("zones/latest.json").downloadContent().toString()).isEqualTo("{\"version\":2}");
        assertThat(api.promote("zones", "4", null).status()).isEqualTo(404);
    }
}
