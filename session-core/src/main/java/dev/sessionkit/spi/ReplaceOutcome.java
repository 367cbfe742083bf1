package dev.sessionkit.spi;

/** What {@link SessionStorage#replace} did. */
public enum ReplaceOutcome {

  /** The stored record had the expected version and was replaced. */
  REPLACED,

  /**
   * Nothing was written: the stored record has another version, or the storage cannot tell a
   * changed record from a deleted one. The engine reloads the record and merges.
   */
  CONFLICT,

  /** Nothing was written: no record is stored under the key (it was deleted). */
  GONE
}
