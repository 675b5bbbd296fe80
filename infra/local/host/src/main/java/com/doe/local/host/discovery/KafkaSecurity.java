package com.doe.local.host.discovery;

/**
 * The security part of a Kafka binding, with settings resolved.
 *
 * @param protocol           the annotation's {@code BrokerProtocol} name ({@code NOTSET}, {@code PLAINTEXT},
 *                           {@code SASLSSL}, ...)
 * @param authenticationMode the annotation's {@code BrokerAuthenticationMode} name ({@code NOTSET}, {@code PLAIN}, ...)
 */
public record KafkaSecurity(String protocol, String authenticationMode, String username, String password) {
}
