CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    session_data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    expire_date DATETIME(6) NOT NULL,
    version BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
