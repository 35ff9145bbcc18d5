package dev.ratchet.spi;

/** The HTTP methods a module route can answer. @since 0.1 */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    DELETE
}
