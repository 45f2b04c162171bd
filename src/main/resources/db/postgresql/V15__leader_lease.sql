-- One leader among several instances on one PostgreSQL database (issue #18): it runs the scheduled work
-- and the dispatcher. On SQLite there is one instance and it always leads; the table is there for both.
CREATE TABLE leader_lease (
    name   TEXT    PRIMARY KEY,
    holder TEXT    NOT NULL,
    until  BIGINT  NOT NULL
);
