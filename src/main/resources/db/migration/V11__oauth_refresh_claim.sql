-- Zoom rotates refresh tokens, so only one replica may spend the stored one: it claims the row for the
-- stored version first (claimed_by, until epoch ms); a save clears the claim. A claim whose holder died
-- runs out at refresh_claimed_until.
ALTER TABLE oauth_token ADD COLUMN refresh_claimed_by VARCHAR(64);
ALTER TABLE oauth_token ADD COLUMN refresh_claimed_until BIGINT;
