package com.doe.local.host;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the local host.
 *
 * @param app          the packaged app folder ({@code functions/target/azure-functions/doe-functions})
 * @param bindAddress  where HTTP listens (loopback by default)
 * @param port         HTTP port; 0 picks a free one
 * @param durablePort  port of the durable clients' gRPC endpoint (loopback); 0 picks a free one
 * @param blobPoll     how often blob triggers list their containers
 * @param hostId       names the blob receipts, as the host id does in Azure
 */
public record HostOptions(Path app, String bindAddress, int port, int durablePort, Duration blobPoll, String hostId) {

    static final String USAGE = """
            usage: LocalHost --app DIR [--port 7071] [--bind 127.0.0.1] [--durable-port 0] [--blob-poll-ms 100] [--host-id doe-local]
              --app DIR          the packaged Functions app (functions/target/azure-functions/doe-functions)
              --port N           HTTP port (default 7071; 0 = any free port)
              --bind ADDRESS     HTTP bind address (default 127.0.0.1)
              --durable-port N   port of the durable client endpoint on loopback (default 0 = any free port)
              --blob-poll-ms N   blob trigger polling interval (default 100)
              --host-id ID       host id used in blob receipts (default doe-local)
            Settings come from the environment (the names in local.settings.sample.json; infra/local/doe env prints them).""";

    public static HostOptions defaults(Path app) {
        return new HostOptions(app, "127.0.0.1", 7071, 0, Duration.ofMillis(100), "doe-local");
    }

    static HostOptions parse(String[] args) {
        Path app = null;
        HostOptions options = defaults(Path.of("."));
        String bind = options.bindAddress();
        int port = options.port();
        int durablePort = options.durablePort();
        Duration poll = options.blobPoll();
        String hostId = options.hostId();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            try {
                switch (name) {
                    case "--app" -> app = Path.of(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--bind" -> bind = value;
                    case "--durable-port" -> durablePort = Integer.parseInt(value);
                    case "--blob-poll-ms" -> poll = Duration.ofMillis(Long.parseLong(value));
                    case "--host-id" -> hostId = value;
                    default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + " needs a number, not '" + value + "'");
            }
        }
        if (app == null) {
            throw new IllegalArgumentException("--app is required\n" + USAGE);
        }
        return new HostOptions(app, bind, port, durablePort, poll, hostId);
    }
}
