package com.doe.local.host.blob;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BlobPollDelayTest {

    @Test
    void aQuickListingPollsAtTheInterval() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), Duration.ofMillis(3).toNanos()))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aSlowListingWaitsTenTimesItsDuration() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), Duration.ofMillis(40).toNanos()))
                .isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aFailedListingWaitsTheInterval() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), 0)).isEqualTo(Duration.ofMillis(100));
    }
}
