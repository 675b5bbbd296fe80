package com.doe.local.host.blob;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BlobPollDelayTest {

    @Test
    void aSmallContainerIsPolledAtTheInterval() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), 40)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aLargerContainerWaitsAMillisecondPerBlob() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), 350)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void aHugeContainerWaitsAtMostASecond() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofMillis(100), 50_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLongerIntervalIsKept() {
        assertThat(BlobTriggers.nextPollDelay(Duration.ofSeconds(5), 50_000)).isEqualTo(Duration.ofSeconds(5));
    }
}
