CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    session_data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    expire_date DATETIME(6) NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    principal_name VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    created_at DATETIME(6),
    saved_at DATETIME(6),
    INDEX sessionkit_session_expire_date_idx (expire_date),
    INDEX sessionkit_session_principal_name_idx (principal_name)
);
