-- The command side's own small lookup: which aggregate holds a decision, so that a rescission reaches the cluster
-- or the year that recorded it. Written in the same transaction as the events (a subscribing processor).
create table decision_directory (
    decision_id   varchar(64)  primary key,
    cluster_id    varchar(64)  not null,
    aggregate_id  varchar(255) not null,
    year          integer,
    decision_type varchar(64)  not null
);
