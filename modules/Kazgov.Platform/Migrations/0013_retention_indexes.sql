-- Retention (RetentionService) deletes refresh tokens by the end of their life, a thousand at a
-- time; without this index every batch would scan the whole table.
-- (idempotency_records already has its created_at index; the outbox got its own in 0011.)
CREATE INDEX refresh_tokens_expires_at ON platform.refresh_tokens (expires_at);
