CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) NOT NULL PRIMARY KEY,
    session_data TEXT NOT NULL,
    expire_date TIMESTAMP(6) WITHOUT TIME ZONE NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    principal_name VARCHAR(255),
    created_at TIMESTAMP(6) WITHOUT TIME ZONE,
    saved_at TIMESTAMP(6) WITHOUT TIME ZONE
);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sessionkit_session_expire_date_idx ON sessionkit_session (expire_date);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS principal_name VARCHAR(255);
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS created_at TIMESTAMP(6) WITHOUT TIME ZONE;
ALTER TABLE sessionkit_session ADD COLUMN IF NOT EXISTS saved_at TIMESTAMP(6) WITHOUT TIME ZONE;
CREATE INDEX IF NOT EXISTS sessionkit_session_principal_name_idx ON sessionkit_session (principal_name);
