-- vigie store, SQLite schema version 1.
-- Booleans are 0/1 integers; dates are ISO text plus `day` (days since
-- 1970-01-01) for ranges and week buckets; JSON columns hold vigie_core
-- types whole, indexed columns beside them serve the queries.

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    external_id   TEXT NOT NULL,
    source        TEXT,
    url           TEXT,
    title         TEXT,
    language      TEXT,
    kind          TEXT NOT NULL,
    published_at  TEXT,
    fetched_at_ms INTEGER NOT NULL,
    size_bytes    INTEGER NOT NULL,
    raw           BLOB NOT NULL,
    search        TEXT NOT NULL
);
CREATE INDEX documents_source ON documents (source);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    engine        TEXT NOT NULL,
    lexicons      TEXT NOT NULL,
    gazetteer     TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    UNIQUE (engine, lexicons, gazetteer)
);

CREATE TABLE jobs (
    document_id    INTEGER NOT NULL REFERENCES documents (id),
    run_id         INTEGER NOT NULL REFERENCES runs (id),
    state          TEXT NOT NULL,
    worker         TEXT,
    error          TEXT,
    queued_at_ms   INTEGER NOT NULL,
    finished_at_ms INTEGER,
    PRIMARY KEY (document_id, run_id)
);
-- Jobs hold pending and failed work only: a done job is deleted in the
-- transaction that writes its extraction (the extraction row records it),
-- so claiming the next job never walks over finished ones.
CREATE INDEX jobs_pending ON jobs (run_id, document_id) WHERE state = 'pending';

CREATE TABLE extractions (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents (id),
    run_id        INTEGER NOT NULL REFERENCES runs (id),
    created_at_ms INTEGER NOT NULL,
    current       INTEGER NOT NULL,
    event_count   INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    worker        TEXT,
    meta_json     TEXT NOT NULL,
    UNIQUE (document_id, run_id)
);

CREATE TABLE clusters (
    id                 INTEGER PRIMARY KEY,
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL,
    event_date         TEXT,
    day                INTEGER,
    time_precision     INTEGER NOT NULL,
    disorder_type      TEXT NOT NULL,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT,
    actor2             TEXT,
    actors_search      TEXT NOT NULL,
    country            TEXT,
    country_code       TEXT,
    country_lc         TEXT,
    admin1             TEXT,
    admin1_lc          TEXT,
    admin2             TEXT,
    admin2_lc          TEXT,
    location           TEXT,
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER,
    fatalities         INTEGER NOT NULL,
    fatalities_max     INTEGER NOT NULL,
    corroboration      INTEGER NOT NULL,
    civilian_targeting INTEGER NOT NULL,
    sources            TEXT NOT NULL,
    notes              TEXT NOT NULL,
    search             TEXT NOT NULL
);
CREATE INDEX clusters_day ON clusters (day);
-- Newest-first lists and counts walk this (hidden merged events have corroboration 0).
CREATE INDEX clusters_recent ON clusters (day DESC, id DESC) WHERE corroboration > 0;
CREATE INDEX clusters_weekly ON clusters (day, fatalities) WHERE corroboration > 0;
CREATE INDEX clusters_country ON clusters (country_lc, day);
CREATE INDEX clusters_admin1 ON clusters (admin1_lc, day);
CREATE INDEX clusters_type ON clusters (event_type, day);
CREATE INDEX clusters_latlon ON clusters (latitude, longitude);

-- The merged view as JSON, apart from the indexed columns so list queries
-- scan slim rows.
CREATE TABLE cluster_views (
    cluster_id  INTEGER PRIMARY KEY REFERENCES clusters (id),
    merged_json TEXT NOT NULL
);

CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    extraction_id       INTEGER NOT NULL REFERENCES extractions (id),
    document_id         INTEGER NOT NULL REFERENCES documents (id),
    run_id              INTEGER NOT NULL REFERENCES runs (id),
    idx                 INTEGER NOT NULL,
    event_key           TEXT NOT NULL,
    current             INTEGER NOT NULL,
    cluster_id          INTEGER REFERENCES clusters (id),
    event_date          TEXT,
    day                 INTEGER,
    time_precision      INTEGER NOT NULL,
    event_type          TEXT NOT NULL,
    sub_event_type      TEXT NOT NULL,
    actor1              TEXT,
    actor2              TEXT,
    country             TEXT,
    admin1              TEXT,
    admin2              TEXT,
    location            TEXT,
    latitude            REAL,
    longitude           REAL,
    geo_precision       INTEGER,
    fatalities          INTEGER NOT NULL,
    fatalities_reported INTEGER,
    confidence          REAL NOT NULL,
    event_json          TEXT NOT NULL
);
CREATE INDEX events_cluster ON events (cluster_id, current);
CREATE INDEX events_document ON events (document_id, current);
CREATE INDEX events_day ON events (day);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    extraction_id  INTEGER NOT NULL REFERENCES extractions (id),
    document_id    INTEGER NOT NULL REFERENCES documents (id),
    run_id         INTEGER NOT NULL REFERENCES runs (id),
    current        INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    sub_event_type TEXT,
    search         TEXT NOT NULL,
    mention_json   TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions (document_id, current);
CREATE INDEX mentions_kind ON mentions (kind, current);

CREATE TABLE merge_log (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL,
    event_id   INTEGER NOT NULL,
    action     TEXT NOT NULL,
    score      REAL,
    reason     TEXT NOT NULL,
    at_ms      INTEGER NOT NULL
);
CREATE INDEX merge_log_cluster ON merge_log (cluster_id);

CREATE TABLE corrections (
    id            INTEGER PRIMARY KEY,
    cluster_id    INTEGER NOT NULL REFERENCES clusters (id),
    field         TEXT NOT NULL,
    value_json    TEXT NOT NULL,
    previous_json TEXT NOT NULL,
    author        TEXT NOT NULL,
    comment       TEXT,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX corrections_cluster ON corrections (cluster_id, id);

CREATE TABLE rejections (
    id            INTEGER PRIMARY KEY,
    external_id   TEXT NOT NULL,
    reason        TEXT NOT NULL,
    stage         TEXT NOT NULL,
    sha256        TEXT,
    size_bytes    INTEGER,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at_ms   INTEGER NOT NULL,
    last_used_at_ms INTEGER,
    revoked_at_ms   INTEGER
);
