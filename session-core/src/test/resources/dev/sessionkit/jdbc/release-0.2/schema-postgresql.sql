CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) NOT NULL PRIMARY KEY,
    session_data TEXT NOT NULL,
    expire_date TIMESTAMP(6) WITHOUT TIME ZONE NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
