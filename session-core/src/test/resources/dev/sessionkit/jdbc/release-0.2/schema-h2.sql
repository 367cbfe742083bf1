CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) NOT NULL PRIMARY KEY,
    session_data CLOB NOT NULL,
    expire_date TIMESTAMP(6) NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL
);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
