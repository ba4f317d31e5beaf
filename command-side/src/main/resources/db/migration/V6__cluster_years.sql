-- A cluster asks which of its years are opened and not closed (amending its rules, reorganising): the directory's
-- rows of one cluster and kind.
create index decision_directory_cluster_type on decision_directory (cluster_id, decision_type, year);
