package dev.sessionkit.boot.security;

import dev.sessionkit.PrincipalSessions;
import dev.sessionkit.Session;
import dev.sessionkit.boot.web.CurrentSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SecurityContextRepository} that keeps the logged-in user's {@link Authentication} in the
 * visitor's sessionkit {@link Session} under {@value #SESSION_KEY}, as JSON written by Spring
 * Security's Jackson 3 modules ({@link SecurityJacksonModules}), in place of Spring Security's
 * {@code HttpSessionSecurityContextRepository}:
 *
 * <pre>{@code
 * "_security_context": {"principalName": "alice", "authentication": {
 *   "@class": "org.springframework.security.authentication.UsernamePasswordAuthenticationToken",
 *   "authenticated": true, "credentials": null,
 *   "authorities": ["java.util.Collections$UnmodifiableRandomAccessList",
 *       [{"@class": "org.springframework.security.core.authority.SimpleGrantedAuthority",
 *         "authority": "ROLE_USER"}]],
 *   "details": {"@class": "org.springframework.security.web.authentication.WebAuthenticationDetails",
 *       "remoteAddress": "127.0.0.1", "sessionId": null},
 *   "principal": {"@class": "org.springframework.security.core.userdetails.User",
 *       "username": "alice", "password": null, "enabled": true, "accountNonExpired": true,
 *       "accountNonLocked": true, "credentialsNonExpired": true, "authorities": [...]}}}
 * }</pre>
 *
 * <p>Reading admits only the types on the modules' allow-list (Spring Security's own tokens, users
 * and authorities); a custom principal type needs a mapper whose validator admits it, given to
 * {@link #SessionSecurityContextRepository(JsonMapper)}. A stored context that cannot be read (an
 * unknown type, a value written by an older version) counts as no login, with a warning: the
 * visitor logs in again.
 *
 * <p>Loading is deferred until Spring Security asks for the authentication, so a request that never
 * needs it never loads the session. An anonymous or empty context is never stored; saving one
 * removes the stored authentication.
 */
public class SessionSecurityContextRepository implements SecurityContextRepository {

  /** The session key under which the authentication is kept. */
  public static final String SESSION_KEY = "_security_context";

  /** The field of the stored value that holds the principal's name, readable without Jackson. */
  /**
   * The longest User-Agent kept: browsers send a few hundred characters, anything may send more.
   */
  static final int MAX_USER_AGENT_LENGTH = 512;

  static final String PRINCIPAL_NAME = "principalName";

  private boolean recordUserAgent;
  private boolean recordIpAddress;
  private static final System.Logger LOG =
      System.getLogger(SessionSecurityContextRepository.class.getName());

  private final AuthenticationJson json;
  private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();
  private SecurityContextHolderStrategy contextHolderStrategy =
      SecurityContextHolder.getContextHolderStrategy();

  /** A repository writing JSON with all of Spring Security's Jackson modules on the classpath. */
  public SessionSecurityContextRepository() {
    this(
        JsonMapper.builder()
            .addModules(
                SecurityJacksonModules.getModules(
                    SessionSecurityContextRepository.class.getClassLoader()))
            .build());
  }

  /**
   * A repository writing JSON with {@code securityMapper}, which must carry Spring Security's
   * modules ({@link SecurityJacksonModules#getModules(ClassLoader,
   * tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator.Builder)} admits further types).
   */
  public SessionSecurityContextRepository(JsonMapper securityMapper) {
    this.json = new AuthenticationJson(securityMapper);
  }

  /** Sets the strategy that creates empty contexts (the application's, when it has one). */
  public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy strategy) {
    this.contextHolderStrategy = strategy;
  }

  /**
   * @deprecated as in {@link SecurityContextRepository}; use {@link #loadDeferredContext}
   */
  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
    return loadDeferredContext(requestResponseHolder.getRequest()).get();
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    return new Deferred(() -> read(request), contextHolderStrategy);
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = context.getAuthentication();
    if (authentication == null || trustResolver.isAnonymous(authentication)) {
      Session session = CurrentSession.of(request);
      if (session != null && session.containsKey(SESSION_KEY)) {
        session.remove(SESSION_KEY);
        session.remove(PrincipalSessions.PRINCIPAL_NAME_KEY);
        session.remove(PrincipalSessions.USER_AGENT_KEY);
        session.remove(PrincipalSessions.IP_ADDRESS_KEY);
      }
      return;
    }
    Session session = RequestSessions.require(request, "SecurityContext");
    session.put(
        SESSION_KEY,
        Map.of(
            PRINCIPAL_NAME,
            authentication.getName(),
            "authentication",
            json.toMap(authentication)));
    // Top level, where every save records it for the principal index (PrincipalSessions).
    session.put(PrincipalSessions.PRINCIPAL_NAME_KEY, authentication.getName());
    recordDevice(session, request);
  }

  /**
   * Records, when asked to, the device details a user's list of sessions shows: personal data, so
   * each is off unless set.
   */
  public void setRecordedDeviceDetails(boolean userAgent, boolean ipAddress) {
    this.recordUserAgent = userAgent;
    this.recordIpAddress = ipAddress;
  }

  private void recordDevice(Session session, HttpServletRequest request) {
    String agent = request.getHeader("User-Agent");
    if (recordUserAgent && agent != null) {
      session.put(
          PrincipalSessions.USER_AGENT_KEY,
          agent.length() > MAX_USER_AGENT_LENGTH
              ? agent.substring(0, MAX_USER_AGENT_LENGTH)
              : agent);
    }
    if (recordIpAddress) {
      session.put(PrincipalSessions.IP_ADDRESS_KEY, request.getRemoteAddr());
    }
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    Session session = CurrentSession.of(request);
    return session != null && session.containsKey(SESSION_KEY);
  }

  /** The name of the principal whose login {@code session} holds, or null. */
  static @Nullable String principalName(Session session) {
    return session.get(SESSION_KEY) instanceof Map<?, ?> stored
            && stored.get(PRINCIPAL_NAME) instanceof String name
        ? name
        : null;
  }

  /** The stored context, or null when none is stored or it cannot be read. */
  private @Nullable SecurityContext read(HttpServletRequest request) {
    Session session = CurrentSession.of(request);
    if (session == null
        || !(session.get(SESSION_KEY) instanceof Map<?, ?> stored)
        || stored.get("authentication") == null) {
      return null;
    }
    try {
      SecurityContext context = contextHolderStrategy.createEmptyContext();
      context.setAuthentication(json.fromMap(stored.get("authentication")));
      return context;
    } catch (JacksonException | IllegalArgumentException ex) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The stored Spring Security context could not be read, so the visitor is not logged in"
              + " ("
              + ex.getClass().getSimpleName()
              + "). A principal type of the application's"
              + " own must be admitted by the mapper given to SessionSecurityContextRepository.");
      return null;
    }
  }

  /** The stored context, read when first asked for; an empty one when none is stored. */
  private static final class Deferred implements DeferredSecurityContext {

    private final Supplier<@Nullable SecurityContext> reader;
    private final SecurityContextHolderStrategy strategy;
    private @Nullable SecurityContext context;
    private boolean missing;

    Deferred(Supplier<@Nullable SecurityContext> reader, SecurityContextHolderStrategy strategy) {
      this.reader = reader;
      this.strategy = strategy;
    }

    @Override
    public SecurityContext get() {
      SecurityContext current = context;
      if (current == null) {
        current = reader.get();
        missing = current == null;
        if (current == null) {
          current = strategy.createEmptyContext();
        }
        context = current;
      }
      return current;
    }

    @Override
    public boolean isGenerated() {
      get();
      return missing;
    }
  }
}
