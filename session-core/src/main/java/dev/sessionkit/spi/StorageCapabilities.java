package dev.sessionkit.spi;

/**
 * What a {@link SessionStorage} can do, so that the engine and the Spring Boot starter ask the
 * backend instead of switching on its class. Immutable; built with {@link #builder()}, where every
 * capability starts off, so that a capability added later breaks no backend.
 *
 * <pre>{@code
 * StorageCapabilities.builder().compareAndSet(true).expiresRecordsItself(true).build();
 * }</pre>
 */
public final class StorageCapabilities {

  private final boolean compareAndSet;
  private final boolean expiresRecordsItself;
  private final boolean ownsKeyFormat;
  private final boolean indexesPrincipals;

  private StorageCapabilities(Builder builder) {
    this.compareAndSet = builder.compareAndSet;
    this.expiresRecordsItself = builder.expiresRecordsItself;
    this.ownsKeyFormat = builder.ownsKeyFormat;
    this.indexesPrincipals = builder.indexesPrincipals;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether {@link SessionStorage#replace} compares the version and writes atomically, so that
   * concurrent saves of one session merge instead of overwriting each other. False for a storage
   * that can only read, compare, then write (a delete or a save landing in between is lost).
   */
  public boolean compareAndSet() {
    return compareAndSet;
  }

  /**
   * Whether expired records disappear by themselves (a cache's time-to-live), so nothing needs to
   * run {@link SessionStorage#removeExpired} on a schedule.
   */
  public boolean expiresRecordsItself() {
    return expiresRecordsItself;
  }

  /**
   * Whether the storage, not the engine, decides what a valid session key looks like (a cookie
   * backend whose key is the cookie's content). The engine then passes any non-blank key on.
   */
  public boolean ownsKeyFormat() {
    return ownsKeyFormat;
  }

  /** Whether the storage keeps an index of sessions by principal name. */
  public boolean indexesPrincipals() {
    return indexesPrincipals;
  }

  @Override
  public String toString() {
    return "StorageCapabilities[compareAndSet="
        + compareAndSet
        + ", expiresRecordsItself="
        + expiresRecordsItself
        + ", ownsKeyFormat="
        + ownsKeyFormat
        + ", indexesPrincipals="
        + indexesPrincipals
        + "]";
  }

  /** Builds {@link StorageCapabilities}; every capability starts off. */
  public static final class Builder {

    private boolean compareAndSet;
    private boolean expiresRecordsItself;
    private boolean ownsKeyFormat;
    private boolean indexesPrincipals;

    private Builder() {}

    /** See {@link StorageCapabilities#compareAndSet()}. */
    public Builder compareAndSet(boolean compareAndSet) {
      this.compareAndSet = compareAndSet;
      return this;
    }

    /** See {@link StorageCapabilities#expiresRecordsItself()}. */
    public Builder expiresRecordsItself(boolean expiresRecordsItself) {
      this.expiresRecordsItself = expiresRecordsItself;
      return this;
    }

    /** See {@link StorageCapabilities#ownsKeyFormat()}. */
    public Builder ownsKeyFormat(boolean ownsKeyFormat) {
      this.ownsKeyFormat = ownsKeyFormat;
      return this;
    }

    /** See {@link StorageCapabilities#indexesPrincipals()}. */
    public Builder indexesPrincipals(boolean indexesPrincipals) {
      this.indexesPrincipals = indexesPrincipals;
      return this;
    }

    public StorageCapabilities build() {
      return new StorageCapabilities(this);
    }
  }
}
