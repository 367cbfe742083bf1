/**
 * What the backends on the application's database ({@code db}, {@code cached-db}) share: {@link
 * dev.sessionkit.boot.jdbc.JdbcSessionSchemaInitializer} creates the session table and its cleanup
 * lock table at startup, as {@code sessionkit.jdbc.initialize-schema} says, and {@link
 * dev.sessionkit.boot.jdbc.OnMissingJdbcSupportCondition} stops such a backend when spring-jdbc or
 * Spring Boot's JDBC support is missing. Internal to the starter: public only for the backends'
 * auto-configurations in other packages. Not API; it may change in any release.
 */
@NullMarked
package dev.sessionkit.boot.jdbc;

import org.jspecify.annotations.NullMarked;
