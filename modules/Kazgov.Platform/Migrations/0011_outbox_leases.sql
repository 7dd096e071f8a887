-- The dispatcher no longer holds a transaction (and its row locks) while it calls the gateways
-- (issue 11 §7). It claims a batch in a short statement by writing a lease (claimed_by,
-- claimed_until), sends outside any transaction, and records each result in its own statement.
-- A lease that runs out (the host died) makes the message claimable again.
ALTER TABLE platform.outbox_messages
    ADD COLUMN claimed_by             text,
    ADD COLUMN claimed_until          timestamptz,
    -- A message that failed Notifications:MaxAttempts times stops being tried: a dead letter,
    -- listed to administrators, who may replay it (which gives it a full allowance again).
    ADD COLUMN dead_at                timestamptz,
    ADD COLUMN replayed_at            timestamptz,
    ADD COLUMN attempts_before_replay integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT outbox_messages_lease_whole CHECK ((claimed_by IS NULL) = (claimed_until IS NULL)),
    ADD CONSTRAINT outbox_messages_delivered_or_dead CHECK (delivered_at IS NULL OR dead_at IS NULL),
    ADD CONSTRAINT outbox_messages_replay_allowance CHECK (attempts_before_replay BETWEEN 0 AND attempts);

-- The dispatcher's query: messages neither delivered nor dead that are due.
DROP INDEX platform.outbox_messages_due;
CREATE INDEX outbox_messages_due ON platform.outbox_messages (next_attempt_at)
    WHERE delivered_at IS NULL AND dead_at IS NULL;

-- The dead letters, newest first (GET /api/v1/admin/outbox/dead-letters).
CREATE INDEX outbox_messages_dead ON platform.outbox_messages (dead_at DESC, id DESC)
    WHERE dead_at IS NOT NULL;

-- Retention deletes delivered messages by age; their attempts go with them.
CREATE INDEX outbox_messages_delivered ON platform.outbox_messages (delivered_at)
    WHERE delivered_at IS NOT NULL;
ALTER TABLE platform.outbox_attempts
    DROP CONSTRAINT outbox_attempts_message_id_fkey,
    ADD CONSTRAINT outbox_attempts_message_id_fkey
        FOREIGN KEY (message_id) REFERENCES platform.outbox_messages (id) ON DELETE CASCADE;
