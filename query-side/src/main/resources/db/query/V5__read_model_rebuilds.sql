-- A read model being rebuilt, as every query replica sees it: while its row is here, no replica serves the model
-- (503 PROJECTION_REBUILDING) and only the coordinator's processor runs it; the others release their segments first.
-- The coordinator says it is alive; if it stops saying so, a replica that runs the model takes over.
create table read_model_rebuild (
    model text primary key,
    requested_at timestamptz not null default now(),
    coordinator text,
    reset_done boolean not null default false,
    alive_at timestamptz not null default now()
);
