package com.doe.clients;

import com.doe.settings.AppSettings;
import com.doe.settings.SettingNames;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** Builds the Neo4j driver from the {@code Neo4jUri}, {@code Neo4jUser} and {@code Neo4jPassword} settings. */
public final class Neo4jDrivers {

    /**
     * How long {@code executeWrite} keeps retrying transient failures (lost connections, a restarting
     * server, leader changes, deadlocks) before giving up: long enough for a server restart.
     */
    public static final java.time.Duration MAX_RETRY_TIME = java.time.Duration.ofSeconds(60);

    private Neo4jDrivers() {
    }

    /**
     * {@code bolt://} locally, {@code neo4j+s://} for Aura. Basic auth when a password is set, none
     * otherwise (the local server runs with auth off). Transactions run with {@code executeWrite} are
     * retried for up to {@link #MAX_RETRY_TIME}.
     */
    public static Driver create(AppSettings settings) {
        String uri = settings.require(SettingNames.NEO4J_URI);
        AuthToken auth = settings.find(SettingNames.NEO4J_PASSWORD)
                .map(password -> AuthTokens.basic(settings.get(SettingNames.NEO4J_USER, "neo4j"), password))
                .orElseGet(AuthTokens::none);
        return GraphDatabase.driver(uri, auth, Config.builder()
                .withMaxTransactionRetryTime(MAX_RETRY_TIME.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).build());
    }
}
