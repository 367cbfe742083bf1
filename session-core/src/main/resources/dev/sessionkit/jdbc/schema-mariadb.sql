CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    session_data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    expire_date DATETIME(6) NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    principal_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    created_at DATETIME(6),
    saved_at DATETIME(6)
);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS principal_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS created_at DATETIME(6);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS saved_at DATETIME(6);
CREATE INDEX IF NOT EXISTS sessionkit_session_principal_name_idx ON sessionkit_session (principal_name);
