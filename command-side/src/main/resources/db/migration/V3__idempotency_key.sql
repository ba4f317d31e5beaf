-- Idempotency-Key of each actor's command requests, written in the same transaction as the events they caused.
create table idempotency_key (
    actor           varchar(255) not null,
    idempotency_key varchar(255) not null,
    fingerprint     char(64)     not null,
    version         bigint,
    recorded_at     timestamptz  not null default now(),
    primary key (actor, idempotency_key)
);
