-- The Zoom grant, sealed with AES-256-GCM (TOKEN_ENCRYPTION_KEY): no token is ever stored in plain text.
CREATE TABLE oauth_token (
    token_id   VARCHAR(64)   PRIMARY KEY,
    sealed     VARCHAR(8000) NOT NULL,
    version    BIGINT        NOT NULL,
    updated_at BIGINT        NOT NULL
);

-- Logins in progress: the state is kept only as its SHA-256, the PKCE verifier sealed. Rows are single use.
CREATE TABLE oauth_login_state (
    state_hash      VARCHAR(64)  PRIMARY KEY,
    sealed_verifier VARCHAR(512) NOT NULL,
    expires_at      BIGINT       NOT NULL
);
