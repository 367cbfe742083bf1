package dev.sessionkit.spi;

import org.jspecify.annotations.Nullable;

/**
 * The longest principal name a storage indexes, for storages whose index has a bounded field (a
 * table column, a file's header): a longer name leaves its session unindexed, never unsaved or
 * unreadable.
 */
public final class IndexedPrincipals {

  /** The longest principal name indexed, in {@code char}s: a {@code varchar(255)} column's. */
  public static final int MAX_LENGTH = 255;

  private static final System.Logger LOG = System.getLogger(IndexedPrincipals.class.getName());

  private IndexedPrincipals() {}

  /**
   * The principal of {@code record} if it is short enough to index, else null, with a warning that
   * names the storage and the name's length, never the name.
   */
  public static @Nullable String indexable(StoredRecord record, Object storage) {
    String principal = record.principal();
    if (principal != null && principal.length() > MAX_LENGTH) {
      LOG.log(
          System.Logger.Level.WARNING,
          "A principal name of "
              + principal.length()
              + " characters is longer than the "
              + MAX_LENGTH
              + " that "
              + storage
              + " indexes; its sessions are not listed by principal");
      return null;
    }
    return principal;
  }
}
