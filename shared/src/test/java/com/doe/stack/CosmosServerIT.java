package com.doe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.doe.clients.CosmosClients;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What DOE needs from a Cosmos DB endpoint, checked through the Azure Cosmos Java SDK in GATEWAY
 * mode. Locally this runs against {@code infra/local/cosmos/server.js}; the same test passes
 * against a real account. Settings: {@code CosmosEndpoint}, {@code CosmosKey} and, for the local
 * server's self-signed certificate, {@code CosmosTlsInsecure=true}.
 *
 * <p>Each test class run uses a fresh database with a random name and deletes it afterwards; each
 * test writes to its own partition key value, so tests do not see each other's items.
 */
class CosmosServerIT {

    private static CosmosClient client;
    private static CosmosDatabase database;
    private static CosmosContainer container;

    private String pk;

    /** An item of the test container; partition key path {@code /pk}. */
    record Item(String id, String pk, String name, int n) {
    }

    @BeforeAll
    static void createDatabase() {
        client = CosmosClients.builder(StackSettings.require()).contentResponseOnWriteEnabled(true).buildClient();
        String name = "doe-it-" + UUID.randomUUID();
        client.createDatabase(name);
        database = client.getDatabase(name);
        database.createContainer(new CosmosContainerProperties("items", "/pk"));
        container = database.getContainer("items");
    }

    @AfterAll
    static void deleteDatabase() {
        if (database != null) {
            database.delete();
        }
        if (client != null) {
            client.close();
        }
    }

    @BeforeEach
    void freshPartition() {
        pk = "p-" + UUID.randomUUID();
    }

    private Item item(int n) {
        return new Item("i" + n, pk, "item " + n, n);
    }

    private List<Item> upsertItems(int count) {
        List<Item> items = IntStream.range(0, count).mapToObj(this::item).toList();
        items.forEach(container::upsertItem);
        return items;
    }

    private Item read(String id) {
        return container.readItem(id, new PartitionKey(pk), Item.class).getItem();
    }

    private <T> List<T> query(String sql, Class<T> type) {
        SqlQuerySpec spec = new SqlQuerySpec(sql, new SqlParameter("@pk", pk));
        return container.queryItems(spec, new CosmosQueryRequestOptions(), type).stream().toList();
    }

    @Test
    void upsertedItemCanBeReadBack() {
        Item written = new Item("a", pk, "first", 1);

        container.upsertItem(written);
        container.upsertItem(new Item("a", pk, "second", 2));

        assertThat(read("a")).isEqualTo(new Item("a", pk, "second", 2));
    }

    @Test
    void parameterisedQueryReturnsOnlyMatchingItems() {
        upsertItems(5);

        SqlQuerySpec spec = new SqlQuerySpec("SELECT * FROM c WHERE c.pk = @pk AND c.n >= @min",
                new SqlParameter("@pk", pk), new SqlParameter("@min", 3));
        List<Item> found = container.queryItems(spec, new CosmosQueryRequestOptions(), Item.class).stream().toList();

        assertThat(found).extracting(Item::n).containsExactlyInAnyOrder(3, 4);
    }

    @Test
    void orderByWithTopReturnsFirstItemsInOrder() {
        upsertItems(6);

        List<Item> found = query("SELECT TOP 3 * FROM c WHERE c.pk = @pk ORDER BY c.n DESC", Item.class);

        assertThat(found).extracting(Item::n).containsExactly(5, 4, 3);
    }

    @Test
    void countReturnsNumberOfItems() {
        upsertItems(7);

        List<Integer> count = query("SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk", Integer.class);

        assertThat(count).containsExactly(7);
    }

    @Test
    void queryPagesFollowContinuationTokens() {
        upsertItems(10);
        String sql = "SELECT * FROM c WHERE c.pk = @pk ORDER BY c.n";
        SqlQuerySpec spec = new SqlQuerySpec(sql, new SqlParameter("@pk", pk));

        List<FeedResponse<Item>> pages = new ArrayList<>();
        container.queryItems(spec, new CosmosQueryRequestOptions(), Item.class)
                .iterableByPage(4)
                .forEach(pages::add);
        String afterFirstPage = pages.get(0).getContinuationToken();
        List<Item> resumed = new ArrayList<>();
        container.queryItems(spec, new CosmosQueryRequestOptions(), Item.class)
                .iterableByPage(afterFirstPage, 4)
                .forEach(page -> resumed.addAll(page.getResults()));

        assertThat(pages).extracting(page -> page.getResults().size()).containsExactly(4, 4, 2);
        assertThat(pages.stream().flatMap(page -> page.getResults().stream()))
                .extracting(Item::n).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(afterFirstPage).isNotBlank();
        assertThat(resumed).extracting(Item::n).containsExactly(4, 5, 6, 7, 8, 9);
    }

    @Test
    void queryWithPartitionKeyOptionSeesOnlyThatPartition() {
        upsertItems(3);
        container.upsertItem(new Item("elsewhere", "p-" + UUID.randomUUID(), "other partition", 99));

        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(pk));
        List<Item> found = container.queryItems("SELECT * FROM c", options, Item.class).stream().toList();

        assertThat(found).extracting(Item::id).containsExactlyInAnyOrder("i0", "i1", "i2");
    }

    @Test
    void missingItemReadIsNotFound() {
        assertThatThrownBy(() -> read("missing"))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void itemInAnotherPartitionIsNotFound() {
        container.upsertItem(item(1));

        assertThatThrownBy(() -> container.readItem("i1", new PartitionKey("other"), Item.class))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void replaceDeleteAndPatchOfMissingItemAreNotFound() {
        PartitionKey key = new PartitionKey(pk);

        assertThatThrownBy(() -> container.replaceItem(item(1), "i1", key, new CosmosItemRequestOptions()))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> container.deleteItem("i1", key, new CosmosItemRequestOptions()))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> container.patchItem("i1", key,
                        CosmosPatchOperations.create().set("/name", "x"), Item.class))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void replaceWithStaleEtagIsPreconditionFailed() {
        String staleEtag = container.createItem(item(1)).getETag();
        container.upsertItem(new Item("i1", pk, "changed", 2));

        CosmosItemRequestOptions ifMatch = new CosmosItemRequestOptions().setIfMatchETag(staleEtag);

        assertThatThrownBy(() -> container.replaceItem(new Item("i1", pk, "lost update", 3), "i1",
                        new PartitionKey(pk), ifMatch))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
        assertThat(read("i1").name()).isEqualTo("changed");
    }

    @Test
    void createOfExistingIdIsConflict() {
        container.createItem(item(1));

        assertThatThrownBy(() -> container.createItem(item(1)))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));
    }

    @Test
    void patchAppliesSetAddReplaceRemoveAndIncrement() {
        container.createItem(new Labelled("l1", pk, "draft", 1, List.of("a"), "obsolete"));

        CosmosPatchOperations ops = CosmosPatchOperations.create()
                .set("/status", "final")
                .add("/tags/-", "b")
                .replace("/count", 10)
                .increment("/count", 5)
                .remove("/note");
        Labelled patched = container.patchItem("l1", new PartitionKey(pk), ops, Labelled.class).getItem();

        assertThat(patched).isEqualTo(new Labelled("l1", pk, "final", 15, List.of("a", "b"), null));
        assertThat(container.readItem("l1", new PartitionKey(pk), Labelled.class).getItem()).isEqualTo(patched);
    }

    /** An item with the shapes patch works on: a string, a number, an array and an optional field. */
    record Labelled(String id, String pk, String status, int count, List<String> tags, String note) {
    }

    @Test
    void transactionalBatchAppliesAllOperations() {
        container.createItem(item(1));
        container.createItem(item(2));

        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(pk));
        batch.createItemOperation(item(3));
        batch.upsertItemOperation(new Item("i1", pk, "upserted", 10));
        batch.patchItemOperation("i2", CosmosPatchOperations.create().increment("/n", 20));
        batch.readItemOperation("i1");
        batch.deleteItemOperation("i3");
        CosmosBatchResponse response = container.executeCosmosBatch(batch);

        assertThat(response.isSuccessStatusCode()).isTrue();
        assertThat(response.getResults()).extracting(CosmosBatchOperationResult::getStatusCode)
                .containsExactly(201, 200, 200, 200, 204);
        assertThat(response.getResults().get(3).getItem(Item.class).name()).isEqualTo("upserted");
        assertThat(read("i2").n()).isEqualTo(22);
        assertThatThrownBy(() -> read("i3")).isInstanceOf(CosmosException.class);
    }

    @Test
    void failingTransactionalBatchAppliesNothing() {
        container.createItem(item(1));

        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(pk));
        batch.createItemOperation(item(2));
        batch.patchItemOperation("i1", CosmosPatchOperations.create().set("/name", "patched"));
        batch.deleteItemOperation("i1");
        batch.createItemOperation(item(2));
        CosmosBatchResponse response = container.executeCosmosBatch(batch);

        assertThat(response.isSuccessStatusCode()).isFalse();
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getResults()).extracting(CosmosBatchOperationResult::getStatusCode)
                .containsExactly(424, 424, 424, 409);
        assertThat(read("i1")).isEqualTo(item(1));
        assertThatThrownBy(() -> read("i2"))
                .isInstanceOfSatisfying(CosmosException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void bulkUpsertOfThousandItemsSucceeds() {
        List<String> partitions = IntStream.range(0, 10).mapToObj(i -> pk + "-" + i).toList();
        List<CosmosItemOperation> upserts = IntStream.range(0, 1000)
                .mapToObj(n -> {
                    String partition = partitions.get(n % partitions.size());
                    return CosmosBulkOperations.getUpsertItemOperation(
                            new Item("b" + n, partition, "bulk " + n, n), new PartitionKey(partition));
                })
                .toList();

        List<Integer> statuses = new ArrayList<>();
        for (CosmosBulkOperationResponse<Object> response : container.executeBulkOperations(upserts)) {
            assertThat(response.getException()).isNull();
            statuses.add(response.getResponse().getStatusCode());
        }

        assertThat(statuses).hasSize(1000).allSatisfy(status -> assertThat(status).isBetween(200, 299));
        SqlQuerySpec count = new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE STARTSWITH(c.pk, @prefix)",
                new SqlParameter("@prefix", pk + "-"));
        assertThat(container.queryItems(count, new CosmosQueryRequestOptions(), Integer.class).stream().toList())
                .containsExactly(1000);
    }
}
