"""The PL/pgSQL functions that admit requests on PostgreSQL, as the migrations that create them install
them (``m007_admit_function``, ``m009_admit_batch_function`` in ``bot.store.migrations``).

Shipped text: never edit these; a change is a new function created by a new migration.
"""

from __future__ import annotations

# The whole acknowledgement of a Slack request in one call (one round trip): claim its keys, count it
# against its rate limit, record its job. Each statement of a plpgsql function takes a fresh snapshot, so
# after the advisory lock the count sees every hit committed before. SQLite does the same in Python
# (``WorkMixin.admit``), in one transaction.
ADMIT_FUNCTION = """
CREATE OR REPLACE FUNCTION briefbot_admit(keys TEXT[], now_s DOUBLE PRECISION, rate_key TEXT,
    rate_limit BIGINT, window_s DOUBLE PRECISION, job_kind TEXT, job_payload TEXT) RETURNS BIGINT
LANGUAGE plpgsql AS $fn$
DECLARE
    claimed BIGINT;
    hits BIGINT;
    new_id BIGINT := 0;
BEGIN
    WITH ins AS (INSERT INTO events (event_id, claimed_at) SELECT k, now_s FROM unnest(keys) AS k
                 ON CONFLICT (event_id) DO NOTHING RETURNING 1)
    SELECT count(*) INTO claimed FROM ins;
    IF claimed < cardinality(keys) THEN
        RETURN -1;
    END IF;
    IF rate_key IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended(rate_key, 0));
        DELETE FROM rate_hits WHERE key = rate_key AND at <= now_s - window_s;
        SELECT count(*) INTO hits FROM rate_hits WHERE key = rate_key;
        IF hits >= rate_limit THEN
            RETURN -2;
        END IF;
        INSERT INTO rate_hits (key, at) VALUES (rate_key, now_s);
    END IF;
    IF job_kind IS NOT NULL THEN
        INSERT INTO jobs (kind, payload, status, attempts, created_at, updated_at)
        VALUES (job_kind, job_payload, 'pending', 0, now_s, now_s) RETURNING id INTO new_id;
    END IF;
    RETURN new_id;
END
$fn$
"""

# A batch of acknowledgements in one call, one transaction (``WorkMixin.admit``'s group commit). Each
# admission is decided as ``briefbot_admit`` would, in order, as if alone. Locks are taken in one order by
# every batch (all event keys sorted, then the rate limits' advisory locks sorted), so two processes'
# batches never wait on each other in a cycle. ``reqs`` is a JSON array of {keys, rate_key, rate_limit,
# window_s, kind, payload}; the answer holds one number per admission: -1 duplicate, -2 over the rate
# limit, else the new job's id (0 without a job).
ADMIT_BATCH_FUNCTION = """
CREATE OR REPLACE FUNCTION briefbot_admit_batch(reqs JSONB, now_s DOUBLE PRECISION) RETURNS BIGINT[]
LANGUAGE plpgsql AS $fn$
DECLARE
    fresh TEXT[];
    req JSONB;
    req_keys TEXT[];
    lock_id BIGINT;
    hits BIGINT;
    new_id BIGINT;
    results BIGINT[] := '{}';
BEGIN
    WITH ins AS (
        INSERT INTO events (event_id, claimed_at)
        SELECT k, now_s FROM (
            SELECT DISTINCT jsonb_array_elements_text(r->'keys') AS k FROM jsonb_array_elements(reqs) AS r
        ) AS wanted ORDER BY k COLLATE "C"
        ON CONFLICT (event_id) DO NOTHING RETURNING event_id)
    SELECT coalesce(array_agg(event_id), '{}') INTO fresh FROM ins;
    FOR lock_id IN
        SELECT DISTINCT hashtextextended(r->>'rate_key', 0) AS h FROM jsonb_array_elements(reqs) AS r
        WHERE r->>'rate_key' IS NOT NULL ORDER BY h
    LOOP
        PERFORM pg_advisory_xact_lock(lock_id);
    END LOOP;
    FOR req IN SELECT r FROM jsonb_array_elements(reqs) WITH ORDINALITY AS e(r, n) ORDER BY n LOOP
        req_keys := ARRAY(SELECT jsonb_array_elements_text(req->'keys'));
        IF NOT (req_keys <@ fresh) THEN
            -- a key claimed before this batch, or by an earlier request of it
            fresh := ARRAY(SELECT unnest(fresh) EXCEPT SELECT unnest(req_keys));
            results := results || (-1)::BIGINT;
            CONTINUE;
        END IF;
        fresh := ARRAY(SELECT unnest(fresh) EXCEPT SELECT unnest(req_keys));
        IF req->>'rate_key' IS NOT NULL THEN
            DELETE FROM rate_hits WHERE key = req->>'rate_key' AND at <= now_s - (req->>'window_s')::DOUBLE PRECISION;
            SELECT count(*) INTO hits FROM rate_hits WHERE key = req->>'rate_key';
            IF hits >= (req->>'rate_limit')::BIGINT THEN
                results := results || (-2)::BIGINT;
                CONTINUE;
            END IF;
            INSERT INTO rate_hits (key, at) VALUES (req->>'rate_key', now_s);
        END IF;
        new_id := 0;
        IF req->>'kind' IS NOT NULL THEN
            INSERT INTO jobs (kind, payload, status, attempts, created_at, updated_at)
            VALUES (req->>'kind', req->>'payload', 'pending', 0, now_s, now_s) RETURNING id INTO new_id;
        END IF;
        results := results || new_id;
    END LOOP;
    RETURN results;
END
$fn$
"""
