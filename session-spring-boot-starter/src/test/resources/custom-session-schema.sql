CREATE TABLE custom_sessions (
    session_key VARCHAR(40) NOT NULL PRIMARY KEY,
    session_data CLOB NOT NULL,
    expire_date TIMESTAMP(6) NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    principal_name VARCHAR(255),
    created_at TIMESTAMP(6),
    saved_at TIMESTAMP(6)
);
CREATE TABLE custom_sessions_lock (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at TIMESTAMP(3) NOT NULL,
    locked_by VARCHAR(255) NOT NULL
);
