-- Read models of the query side. Every table is rebuilt from the events by a replay.

-- Axon's token store: how far each processor segment has read the event stream.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          text,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

-- Folded read models as JSON documents: one per model and key (a cluster, a cluster's year, a unit).
-- versions maps each aggregate folded in to the last sequence number applied, so that an event delivered twice
-- changes nothing (events of one aggregate always arrive in order; across aggregates they need not).
create table read_document (
    model    varchar(64)  not null,
    doc_key  varchar(255) not null,
    versions text         not null,
    body     text         not null,
    primary key (model, doc_key)
);

-- The highest aggregate version each read model has applied, for reads with ?minVersion=.
create table applied_version (
    model        varchar(64)  not null,
    aggregate_id varchar(255) not null,
    version      bigint       not null,
    primary key (model, aggregate_id)
);

-- The decision log, hash-chained per cluster in the order the decisions were recorded (occurred_at, then event_id):
-- an order that a replay reproduces whatever order concurrent commits reached the processor in.
create table decision_log (
    cluster_id    varchar(64)  not null,
    seq           bigint       not null,
    event_id      varchar(255) not null unique,
    decision_id   varchar(64)  not null unique,
    decision_type varchar(64)  not null,
    year          integer,
    occurred_at   varchar(64)  not null,
    actor         varchar(255),
    role          varchar(32),
    payload       text         not null,
    minutes_ref   varchar(300),
    reason        text,
    summary_vi    text         not null,
    summary_en    text         not null,
    prev_hash     char(64)     not null,
    hash          char(64)     not null,
    rescinded_by  varchar(64),
    primary key (cluster_id, seq) deferrable initially deferred
);
create index decision_log_order on decision_log (cluster_id, occurred_at, event_id);

-- Every event of a cluster's year in words, read in the order the events were recorded (at, then event_id).
create table timeline_entry (
    cluster_id varchar(64)  not null,
    year       integer      not null,
    event_id   varchar(255) not null,
    at         varchar(64)  not null,
    event_type varchar(64)  not null,
    unit_id    varchar(64),
    actor      varchar(255),
    text_vi    text         not null,
    text_en    text         not null,
    primary key (cluster_id, year, event_id)
);
create index timeline_order on timeline_entry (cluster_id, year, at, event_id);
