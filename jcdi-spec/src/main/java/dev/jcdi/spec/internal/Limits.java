package dev.jcdi.spec.internal;

/** The limits a parser applies; see {@code SpecReader.Limits}. */
public record Limits(long maxBytes, int maxDepth, int maxAliases, long maxNodes) {}
