package dev.jcdi.runtime;

/**
 * A device node on the host as {@code lstat} sees it.
 *
 * @param type {@code b} (block), {@code c} (character) or {@code p} (FIFO)
 * @param major the major device number
 * @param minor the minor device number
 * @param fileMode the permission bits including setuid, setgid and sticky ({@code mode & 07777})
 */
public record HostDevice(String type, long major, long minor, long fileMode) {}
