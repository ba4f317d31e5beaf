-- The ledger: every stored event as a leaf of one append-only Merkle tree (RFC 9162), in the order the sealer saw
-- the events commit, and the signed checkpoints of that tree (C2SP tlog-checkpoint in a signed note, Ed25519).
-- Written by the sealer only (one at a time per store: an advisory lock); a sealed leaf is never moved or rewritten.
create table ledger_leaf (
    leaf_index   bigint       primary key,
    global_index bigint       not null unique,
    event_id     varchar(255) not null unique,
    leaf_hash    bytea        not null,
    sealed_at    varchar(64)  not null
);

-- Every checkpoint signed, one per sealing round that added leaves: an auditor may ask for any of them.
create table ledger_checkpoint (
    tree_size  bigint      primary key,
    root_hash  bytea       not null,
    note       text        not null,
    created_at varchar(64) not null
);

-- sealed_through: every global index up to it is sealed, or stayed empty past the gap timeout (a rolled-back
-- append). verifier_key: the key of the first sealer; a sealer holding another key does not seal.
create table ledger_state (
    id             integer primary key check (id = 1),
    sealed_through bigint  not null,
    verifier_key   text
);
insert into ledger_state (id, sealed_through) values (1, 0);
