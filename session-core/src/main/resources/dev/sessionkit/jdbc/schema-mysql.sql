CREATE TABLE IF NOT EXISTS sessionkit_session (
    session_key VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    session_data LONGTEXT CHARACTER SET utf8mb4 NOT NULL,
    expire_date DATETIME(6) NOT NULL,
    INDEX sessionkit_session_expire_date_idx (expire_date)
);
