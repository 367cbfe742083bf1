-- Spring Security's persistent remember-me logins (JdbcTokenRepositoryImpl), one row per device:
-- its series (the cookie's first part, fixed for the device), the current token value (changed at
-- every use) and when it was last used. The same script runs on H2, PostgreSQL and MariaDB.
CREATE TABLE IF NOT EXISTS persistent_logins (
    username VARCHAR(64) NOT NULL,
    series VARCHAR(64) PRIMARY KEY,
    token VARCHAR(64) NOT NULL,
    last_used TIMESTAMP NOT NULL
);
