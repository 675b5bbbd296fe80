package com.doe.local;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Neo4j Community with Bolt on loopback, auth off and HTTP off, until the JVM is told to stop.
 *
 * <p>Usage: {@code LocalNeo4j HOME_DIR BOLT_PORT}. Prints {@code Neo4j ready on bolt://127.0.0.1:PORT}
 * once the default database accepts transactions; shuts down cleanly on SIGTERM.
 */
public final class LocalNeo4j {

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LocalNeo4j HOME_DIR BOLT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);

        Path conf = writeConfig(home, List.of(
                "server.bolt.enabled=true",
                "server.bolt.listen_address=127.0.0.1:" + port,
                "server.bolt.advertised_address=127.0.0.1:" + port,
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=false",
                "server.memory.pagecache.size=256m",
                "db.tx_log.rotation.retention_policy=2 files",
                "dbms.shutdown_transaction_end_timeout=2s",
                // Without these, Bolt's Netty waits ~10 s on shutdown.
                "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
                "internal.dbms.bolt.netty_server_shutdown_timeout=3s"));
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseService database = service.database("neo4j");
        if (!database.isAvailable(60_000)) {
            System.err.println("Neo4j default database did not become available within 60 s; see " + home.resolve("logs"));
            System.exit(1);
        }
        System.out.println("Neo4j ready on bolt://127.0.0.1:" + port);
        stopped.await();
    }

    private static Path writeConfig(Path home, List<String> settings) {
        Path conf = home.resolve("conf/neo4j.conf");
        StringBuilder text = new StringBuilder("# Written by LocalNeo4j at each start.\n");
        settings.forEach(line -> text.append(line).append('\n'));
        try {
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + conf, e);
        }
        return conf;
    }

    private LocalNeo4j() {
    }
}
