-- Repeatable (re-applied when this text changes), so that databases already past their own V-migrations get it too:
-- a versioned 0_x file added now would sort below their applied versions and fail Flyway's validation.

-- The relay's batch claim takes a destination and path's oldest PENDING messages in id order (OutboxRelay, "Order
-- within a lane"). Without this index that claim would walk the primary key through every DELIVERED row of the
-- path, or sort every pending message, once per batch; with it, a claim reads at most one batch of index entries.
create index if not exists outbox_message_pending_lane on outbox_message (destination, path, id)
    where status = 'PENDING';
