CREATE TABLE custom_sessions (
    session_key VARCHAR(40) NOT NULL PRIMARY KEY,
    session_data CLOB NOT NULL,
    expire_date TIMESTAMP(6) NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL
);
