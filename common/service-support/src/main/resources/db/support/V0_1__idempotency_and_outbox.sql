-- Shared by every service (service-support adds classpath:db/support to Flyway's locations).
-- Versions 0_x sort before each service's own V1.., so a fresh database gets these first.

-- The first answer to each create, kept so that a replay with the same Idempotency-Key gets it again.
create table idempotent_request (
    scope            varchar(400) not null, -- the endpoint's scope and the caller's name
    idempotency_key  varchar(200) not null,
    request_hash     char(64)     not null,
    response_status  int,
    response_body    text,
    created_at       timestamptz  not null default now(),
    primary key (scope, idempotency_key)
);

-- Hand-offs to other services, written in the same transaction as the business change they announce.
-- A relay delivers them with retries; the receiver deduplicates by the source document id.
create table outbox_message (
    id               bigserial    primary key,
    destination      varchar(50)  not null,
    path             varchar(300) not null,
    message_key      varchar(200) not null,
    payload          text         not null,
    status           varchar(20)  not null default 'PENDING' check (status in ('PENDING','DELIVERED','FAILED')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    last_error       text,
    created_at       timestamptz  not null default now(),
    delivered_at     timestamptz,
    unique (destination, message_key)
);
create index outbox_message_due on outbox_message (next_attempt_at) where status = 'PENDING';
