package com.doe.step;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.doe.step.keys.BlobKeyClaimStore;
import com.doe.step.keys.ClaimKey;
import com.doe.testing.Azurite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlobKeyClaimStoreIT {

    private final BlobContainerClient work = Azurite.freshContainer("work");

    private static List<ClaimKey> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> ClaimKey.of("k" + i)).toList();
    }

    @Test
    void twoWorkersAgreeOnTheFirstClaimOfEachKeyAndRedeliveryIsHarmless() {
        BlobKeyClaimStore workerA = new BlobKeyClaimStore(work, 4);
        BlobKeyClaimStore workerB = new BlobKeyClaimStore(work, 4);

        Set<ClaimKey> a = workerA.claim("run-1", "checks/unique/iata", "0", keys(0, 100));
        Set<ClaimKey> b = workerB.claim("run-1", "checks/unique/iata", "1", keys(50, 150));
        Set<ClaimKey> aAgain = workerA.claim("run-1", "checks/unique/iata", "0", keys(0, 100));
        Set<ClaimKey> bAgainOnA = workerA.claim("run-1", "checks/unique/iata", "1", keys(50, 150));
        Set<ClaimKey> fresh = new BlobKeyClaimStore(work, 4).claim("run-1", "checks/unique/iata", "1", keys(50, 150));

        assertThat(a).isEmpty();
        assertThat(b).containsExactlyInAnyOrderElementsOf(keys(50, 100));
        assertThat(aAgain).isEmpty();
        assertThat(bAgainOnA).isEqualTo(b);
        assertThat(fresh).isEqualTo(b);
    }

    @Test
    void concurrentClaimsFromManyWorkersGiveEachKeyExactlyOneOwner() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Set<ClaimKey>> results = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int owner = w;
            results.add(null);
            threads.add(new Thread(() -> results.set(owner,
                    new BlobKeyClaimStore(work, 2).claim("run-2", "s", Integer.toString(owner), keys(0, 200)))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        long winners = keys(0, 200).stream().mapToLong(k -> results.stream().filter(r -> !r.contains(k)).count()).sum();
        assertThat(winners).isEqualTo(200);
    }
}
