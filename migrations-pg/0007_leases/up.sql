-- Work that exactly one of several craftdesk processes must do at a time (the cleanup
-- task): who holds it and until when. A holder renews before it runs out; when it dies,
-- another process takes the lease once it has expired.
CREATE TABLE leases (
    name       TEXT   PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
