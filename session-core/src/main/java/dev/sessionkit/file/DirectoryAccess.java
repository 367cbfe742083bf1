package dev.sessionkit.file;

import dev.sessionkit.ImproperlyConfiguredException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Who besides this application can reach the session directory (POSIX file systems).
 *
 * <p>Session files are named after session keys, and a session file is trusted once its name
 * matches. So a directory that another user can write to lets that user plant a forged session (or
 * a FIFO, or a huge file) and stops the startup; one owned by another user likewise, since its
 * owner can always make it writable. A directory that others can list shows them the live session
 * keys, which is a warning: a deployment may share a trusted group, but the default private
 * directory is readable by its owner only.
 */
final class DirectoryAccess {

  private static final System.Logger LOG = System.getLogger(DirectoryAccess.class.getName());

  private DirectoryAccess() {}

  /**
   * @throws ImproperlyConfiguredException when another user owns {@code directory} or can write to
   *     it
   */
  static void check(Path directory, UserPrincipal processUser) {
    Set<PosixFilePermission> permissions;
    UserPrincipal owner;
    try {
      permissions = Files.getPosixFilePermissions(directory);
      owner = Files.getOwner(directory);
    } catch (IOException ex) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' cannot be checked ("
              + ex.getClass().getSimpleName()
              + "). Please set your sessionkit.file.path property to a directory this application"
              + " owns.");
    }
    if (!owner.equals(processUser)) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' is owned by "
              + owner.getName()
              + ", not by "
              + processUser.getName()
              + ", the user this application runs as; that user could plant forged sessions."
              + " Please set your sessionkit.file.path property to a directory owned by "
              + processUser.getName()
              + " with mode 700, or leave it unset for a private directory.");
    }
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new ImproperlyConfiguredException(
          "The session storage path '"
              + directory
              + "' can be written by other users (mode "
              + PosixFilePermissions.toString(permissions)
              + "), who could plant forged sessions. Please set your sessionkit.file.path property"
              + " to a directory only this application's user can write (chmod 700), or leave it"
              + " unset for a private directory.");
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      LOG.log(
          Level.WARNING,
          "The session storage path '"
              + directory
              + "' can be listed by other users (mode "
              + PosixFilePermissions.toString(permissions)
              + "); session file names are session keys, so they can take over sessions. Make it"
              + " readable by its owner only (chmod 700).");
    }
  }

  /**
   * The private directory {@code <java.io.tmpdir>/sessionkit-<user>}, created with mode 700 when
   * missing. Whether it really is private (owned by this user, writable by nobody else) is checked
   * when a store is built on it.
   */
  static Path privateDirectory() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "sessionkit-" + user);
    try {
      Files.createDirectory(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException ex) {
      // made by an earlier run; the store checks who owns it and who may write to it
      if (Files.isSymbolicLink(directory)) {
        throw new ImproperlyConfiguredException(
            "The private session directory '"
                + directory
                + "' is a symbolic link, which someone else may have planted. Please set your"
                + " sessionkit.file.path property to a directory owned by this application's"
                + " user, or remove the link.");
      }
    } catch (UnsupportedOperationException ex) {
      createPlainDirectory(directory);
    } catch (IOException ex) {
      throw new ImproperlyConfiguredException(
          "The private session directory '"
              + directory
              + "' cannot be created ("
              + ex.getClass().getSimpleName()
              + "). Please set your sessionkit.file.path property to a directory in which sessions"
              + " can be stored.");
    }
    return directory;
  }

  private static void createPlainDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException ex) {
      throw new ImproperlyConfiguredException(
          "The private session directory '"
              + directory
              + "' cannot be created. Please set your sessionkit.file.path property to a directory"
              + " in which sessions can be stored.");
    }
  }
}
