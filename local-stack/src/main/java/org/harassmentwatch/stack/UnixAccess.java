package org.harassmentwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Elasticsearch refuses to run as root, so when this JVM is root the node runs as {@link #UNPRIVILEGED_UID}
 * (nobody). That user has to reach every file of the node: these checks say which folder blocks it.
 */
final class UnixAccess {
    static final int UNPRIVILEGED_UID = 65534;
    static final int UNPRIVILEGED_GID = 65534;

    private UnixAccess() {}

    static boolean isRoot() {
        try {
            // /proc/self resolves to this process's /proc folder, which is owned by its real uid.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * The first folder from the root down to {@code path} (included) that uid/gid 65534 cannot traverse, if any.
     * The path's existing ancestors are checked; folders still to be created will belong to that user.
     */
    static Optional<Path> firstUntraversable(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path current = absolute.getRoot();
        for (Path part : absolute) {
            current = current.resolve(part);
            if (!Files.exists(current)) {
                break;
            }
            if (Files.isDirectory(current) && !canTraverse(current)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    static String describe(Path dir) {
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            int mode = (Integer) Files.getAttribute(dir, "unix:mode");
            return dir + " (owner uid " + uid + ", mode " + Integer.toOctalString(mode & 07777) + ")";
        } catch (IOException e) {
            return dir.toString();
        }
    }

    private static boolean canTraverse(Path dir) {
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            int gid = (Integer) Files.getAttribute(dir, "unix:gid");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (uid == UNPRIVILEGED_UID) {
                return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
            }
            if (gid == UNPRIVILEGED_GID) {
                return permissions.contains(PosixFilePermission.GROUP_EXECUTE);
            }
            return permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands {@code root} and everything below it, except the contents of {@code skip}, to uid/gid 65534. */
    static void chownToUnprivileged(Path root, Path skip) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> !p.startsWith(skip) || p.equals(skip)).forEach(UnixAccess::chownToUnprivileged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chownToUnprivileged(Path path) {
        try {
            if ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) != UNPRIVILEGED_UID) {
                Files.setAttribute(path, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            }
            if ((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != UNPRIVILEGED_GID) {
                Files.setAttribute(path, "unix:gid", UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to uid " + UNPRIVILEGED_UID, e);
        }
    }
}
