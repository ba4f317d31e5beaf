-- The witnessed ledger (README, "The ledger").
--
-- 1. No timeout verdicts. An append's transaction takes its id before it takes a global index, so that an index
--    missing below a visible one belongs to a transaction in progress in the snapshot that missed it, or to one that
--    rolled back: the sealer drops such a gap only when PostgreSQL says those transactions have all ended
--    (pg_current_snapshot), never after a timeout. The identity gives way to a sequence (one value at a time, so
--    that indexes are handed out in order) behind a default that does both steps.
create sequence domain_event_global_index cache 1;
select setval('domain_event_global_index', greatest(
        coalesce(pg_sequence_last_value(pg_get_serial_sequence('domain_event_entry', 'global_index')::regclass), 0),
        coalesce((select max(global_index) from domain_event_entry), 0)) + 1, false);

create function thidua_next_global_index() returns bigint language plpgsql volatile as $$
begin
    perform pg_current_xact_id();
    return nextval('domain_event_global_index');
end
$$;

alter table domain_event_entry alter column global_index drop identity;
alter table domain_event_entry alter column global_index set default thidua_next_global_index();
alter sequence domain_event_global_index owned by domain_event_entry.global_index;

-- 2. Witnesses' cosignatures (C2SP tlog-cosignature), as each witness returned them for a checkpoint. Readers check
--    them against the witness keys of their own configuration, never against anything in this database.
create table ledger_cosignature (
    tree_size   bigint      not null references ledger_checkpoint (tree_size),
    witness_key text        not null,
    signature   text        not null,
    received_at varchar(64) not null,
    primary key (tree_size, witness_key)
);

-- 3. No key in the database: the sealer checks its own key against the checkpoints it signed, readers trust the keys
--    they are configured with.
alter table ledger_state drop column verifier_key;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'thidua_appender') then
        grant select, insert on ledger_cosignature to thidua_appender;
        revoke update, delete, truncate on ledger_cosignature from thidua_appender;
        grant usage, select on sequence domain_event_global_index to thidua_appender;
    end if;
end
$$;
