-- Idempotency keys now live in service-support's shared idempotent_request table (db/support/V0_1), used by
-- every service through IdempotentRequests; payroll's own copy from V1 is no longer written or read.
drop table idempotency_key;
