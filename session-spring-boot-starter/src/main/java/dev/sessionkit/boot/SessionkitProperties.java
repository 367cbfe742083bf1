package dev.sessionkit.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * The {@code sessionkit.*} properties: which backend keeps the sessions, how long they live and how
 * their cookie looks.
 *
 * <pre>{@code
 * sessionkit:
 *   backend: db
 *   max-age: 8h
 *   cookie:
 *     secure: true
 * }</pre>
 */
@ConfigurationProperties("sessionkit")
public class SessionkitProperties {

  /**
   * Where sessions are kept: 'auto' (the database when the application has a DataSource, else a
   * cache), 'db', 'file', 'cache', 'redis', 'cached-db', 'signed-cookies', 'encrypted-cookies' or
   * 'django'.
   */
  private Backend backend = Backend.AUTO;

  /**
   * Maximum age of a session after its last save, unless it sets its own expiry. Also the session
   * cookie's Max-Age. A number without a unit means seconds.
   */
  @DurationUnit(ChronoUnit.SECONDS)
  private Duration maxAge = Duration.ofDays(14);

  /**
   * Maximum size of a session's encoded data; a save of a larger session fails and writes nothing.
   */
  private DataSize maxSize = DataSize.ofKilobytes(128);

  /** Whether session cookies end when the browser closes, unless a session sets its own expiry. */
  private boolean expireAtBrowserClose = false;

  /**
   * Whether to save the session, and refresh its cookie, on every request that has one, not only
   * when it changed.
   */
  private boolean saveEveryRequest = false;

  /**
   * What happens when code asks the servlet container for a new HttpSession (a JSESSIONID beside
   * the sessionkit session): 'warn' logs one warning per calling class, 'fail' throws an
   * IllegalStateException naming the caller.
   */
  private ContainerSession containerSession = ContainerSession.WARN;

  private final Cookie cookie = new Cookie();

  private final File file = new File();

  private final Cache cache = new Cache();

  private final Jdbc jdbc = new Jdbc();

  private final Cleanup cleanup = new Cleanup();

  private final Events events = new Events();

  private final Observations observations = new Observations();

  private final Security security = new Security();

  public Backend getBackend() {
    return backend;
  }

  public void setBackend(Backend backend) {
    this.backend = backend;
  }

  public Duration getMaxAge() {
    return maxAge;
  }

  public void setMaxAge(Duration maxAge) {
    this.maxAge = maxAge;
  }

  public DataSize getMaxSize() {
    return maxSize;
  }

  public void setMaxSize(DataSize maxSize) {
    this.maxSize = maxSize;
  }

  public boolean isExpireAtBrowserClose() {
    return expireAtBrowserClose;
  }

  public void setExpireAtBrowserClose(boolean expireAtBrowserClose) {
    this.expireAtBrowserClose = expireAtBrowserClose;
  }

  public boolean isSaveEveryRequest() {
    return saveEveryRequest;
  }

  public void setSaveEveryRequest(boolean saveEveryRequest) {
    this.saveEveryRequest = saveEveryRequest;
  }

  public ContainerSession getContainerSession() {
    return containerSession;
  }

  public void setContainerSession(ContainerSession containerSession) {
    this.containerSession = containerSession;
  }

  public Security getSecurity() {
    return security;
  }

  public Cookie getCookie() {
    return cookie;
  }

  public File getFile() {
    return file;
  }

  public Cache getCache() {
    return cache;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Cleanup getCleanup() {
    return cleanup;
  }

  public Observations getObservations() {
    return observations;
  }

  public Events getEvents() {
    return events;
  }

  /** Where sessions are kept. */
  public enum Backend {

    /** The database when the application has a {@code DataSource} bean, else a cache. */
    AUTO,

    /** A database table, through the application's {@code DataSource}. */
    DB,

    /** One file per session in a directory. */
    FILE,

    /** A cache: a dedicated in-process one, or a named cache of the application's. */
    CACHE,

    /** Redis, one key per session, through the application's {@code RedisConnectionFactory}. */
    REDIS,

    /**
     * A database table, with a copy of each session in Redis when the application has a {@code
     * RedisConnectionFactory}, else in an in-process cache.
     */
    CACHED_DB,

    /** In the cookie itself, signed: the visitor can read the data but not change it. */
    SIGNED_COOKIES,

    /** In the cookie itself, encrypted: the visitor can neither read nor change the data. */
    ENCRYPTED_COOKIES,

    /**
     * A Django application's {@code django_session} table, in Django's format, shared with that
     * application.
     */
    DJANGO
  }

  /** The session cookie. */
  public static class Cookie {

    /** Name of the session cookie. */
    private String name = "sessionid";

    /** Domain of the session cookie; unset for a host-only cookie. */
    private @Nullable String domain;

    /** Path of the session cookie. */
    private String path = "/";

    /** Whether the session cookie is sent over HTTPS only. */
    private boolean secure = false;

    /** Whether the session cookie is hidden from JavaScript. */
    private boolean httpOnly = true;

    /** SameSite attribute of the session cookie: 'Lax', 'Strict' or 'None'. */
    private SameSite sameSite = SameSite.LAX;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public @Nullable String getDomain() {
      return domain;
    }

    public void setDomain(@Nullable String domain) {
      this.domain = domain;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isSecure() {
      return secure;
    }

    public void setSecure(boolean secure) {
      this.secure = secure;
    }

    public boolean isHttpOnly() {
      return httpOnly;
    }

    public void setHttpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
    }

    public SameSite getSameSite() {
      return sameSite;
    }

    public void setSameSite(SameSite sameSite) {
      this.sameSite = sameSite;
    }
  }

  /** The SameSite attribute of the session cookie. */
  public enum SameSite {

    /** Sent with top-level navigations from other sites, not with their sub-requests. */
    LAX("Lax"),

    /** Never sent with requests that another site starts. */
    STRICT("Strict"),

    /** Sent with every request; browsers require the cookie to be secure. */
    NONE("None");

    private final String attributeValue;

    SameSite(String attributeValue) {
      this.attributeValue = attributeValue;
    }

    /** The attribute's value as written in {@code Set-Cookie}. */
    public String attributeValue() {
      return attributeValue;
    }
  }

  /** The file backend. */
  public static class File {

    /**
     * Directory of the session files; it must exist, be owned by the application's user and be
     * writable by no other user. Defaults to a private directory, java.io.tmpdir/sessionkit-<user>,
     * created with mode 700.
     */
    private @Nullable Path path;

    public @Nullable Path getPath() {
      return path;
    }

    public void setPath(@Nullable Path path) {
      this.path = path;
    }
  }

  /** The cache backend. */
  public static class Cache {

    /**
     * Name of the application's cache (from its CacheManager) that keeps the sessions. Unset: a
     * dedicated, bounded in-process Caffeine cache.
     */
    private @Nullable String name;

    /**
     * Maximum number of sessions in the dedicated in-process cache (when 'name' is unset); the
     * least recently used go first.
     */
    private long maximumSize = 100_000;

    public @Nullable String getName() {
      return name;
    }

    public void setName(@Nullable String name) {
      this.name = name;
    }

    public long getMaximumSize() {
      return maximumSize;
    }

    public void setMaximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
    }
  }

  /** The database backend. */
  public static class Jdbc {

    /** Name of the session table, optionally schema-qualified. */
    private String tableName = "sessionkit_session";

    /**
     * When to create the session table at startup: 'embedded' (only in an embedded database),
     * 'always' or 'never'.
     */
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

    public String getTableName() {
      return tableName;
    }

    public void setTableName(String tableName) {
      this.tableName = tableName;
    }

    public InitializeSchema getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(InitializeSchema initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }

  /** When the session table is created at startup. */
  public enum InitializeSchema {

    /** Only when the database is embedded (H2, HSQLDB, Derby in memory). */
    EMBEDDED,

    /** Always; the script creates the table only if it does not exist. */
    ALWAYS,

    /** Never: the table is managed elsewhere (Flyway, Liquibase, a DBA). */
    NEVER
  }

  /** Removal of expired sessions, for the backends that need it (db, cached-db, django, file). */
  public static class Cleanup {

    /**
     * Whether expired sessions are removed on a schedule (db, cached-db, django and file backends).
     */
    private boolean enabled = true;

    /** When to remove expired sessions, as a Spring cron expression. */
    private String cron = "0 0 * * * *";

    /**
     * Longest random delay between the cron firing and the cleanup starting, so that instances do
     * not all reach the database at the same second. 0 starts at once.
     */
    private Duration jitter = Duration.ofSeconds(30);

    /**
     * Longest time one instance holds the cleanup lock (db, cached-db and file backends), so that
     * an instance that dies while cleaning does not block the others. Make it longer than a cleanup
     * takes.
     */
    private Duration lockAtMostFor = Duration.ofMinutes(10);

    /**
     * Shortest time the cleanup lock stays taken from the start of a run, so that instances whose
     * runs start within that time of each other (clock skew, jitter) skip instead of cleaning
     * again. At most lock-at-most-for.
     */
    private Duration lockAtLeastFor = Duration.ofMinutes(1);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getCron() {
      return cron;
    }

    public void setCron(String cron) {
      this.cron = cron;
    }

    public Duration getJitter() {
      return jitter;
    }

    public void setJitter(Duration jitter) {
      this.jitter = jitter;
    }

    public Duration getLockAtMostFor() {
      return lockAtMostFor;
    }

    public void setLockAtMostFor(Duration lockAtMostFor) {
      this.lockAtMostFor = lockAtMostFor;
    }

    public Duration getLockAtLeastFor() {
      return lockAtLeastFor;
    }

    public void setLockAtLeastFor(Duration lockAtLeastFor) {
      this.lockAtLeastFor = lockAtLeastFor;
    }
  }

  /** Spring application events about sessions. */
  public static class Events {

    /**
     * Whether to publish Spring application events when sessions are created, deleted or removed as
     * expired.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Micrometer Observations of the store's storage calls. */
  public static class Observations {

    /**
     * Whether each load, create, save, delete and cleanup of the store becomes a Micrometer
     * Observation ('sessionkit.storage'), when the application has an ObservationRegistry.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** What happens when code asks the servlet container for a new HttpSession. */
  public enum ContainerSession {

    /** Log one warning per calling class, and let the container create the session. */
    WARN,

    /** Throw an IllegalStateException naming the caller; no container session is created. */
    FAIL
  }

  /** Spring Security's session state in the sessionkit Session. */
  public static class Security {

    /**
     * Whether Spring Security keeps its SecurityContext, CSRF token and saved request in the
     * sessionkit Session (as JSON), changes the session key at login and ends the session at
     * logout. Applies when Spring Security's web and config modules are on the classpath.
     */
    private boolean enabled = true;

    /**
     * Whether a login records the browser's User-Agent in the session, to show in a user's list of
     * sessions. Personal data: off unless set.
     */
    private boolean recordUserAgent;

    /**
     * Whether a login records the client's IP address in the session, to show in a user's list of
     * sessions. Personal data: off unless set.
     */
    private boolean recordIpAddress;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isRecordUserAgent() {
      return recordUserAgent;
    }

    public void setRecordUserAgent(boolean recordUserAgent) {
      this.recordUserAgent = recordUserAgent;
    }

    public boolean isRecordIpAddress() {
      return recordIpAddress;
    }

    public void setRecordIpAddress(boolean recordIpAddress) {
      this.recordIpAddress = recordIpAddress;
    }
  }
}
