-- Evidence files kept with the record, content-addressed by the SHA-256 of their bytes: inserted once, never changed
-- or deleted (as the events are); a report's event carries the hashes, so the ledger seals what a score rested on.
create table evidence_file (
    sha256     char(64)     primary key,
    media_type varchar(255) not null,
    size       bigint       not null,
    content    bytea        not null,
    stored_at  timestamptz  not null default now()
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'thidua_appender') then
        grant select, insert on evidence_file to thidua_appender;
        revoke update, delete, truncate on evidence_file from thidua_appender;
    end if;
    if exists (select 1 from pg_roles where rolname = 'thidua_reader') then
        grant select on evidence_file to thidua_reader;
        revoke insert, update, delete, truncate on evidence_file from thidua_reader;
    end if;
end
$$;
