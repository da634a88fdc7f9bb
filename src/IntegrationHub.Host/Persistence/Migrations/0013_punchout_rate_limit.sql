-- The punchout rate limit's shared count: one row per key (client address and partner) and fixed window (aligned to the
-- window's length, so every hub process cuts the same windows), incremented with INSERT … ON CONFLICT DO UPDATE … RETURNING.
-- Behind a balancer every Web process counts into the same row, so a client gets the limit once, not once per process.
-- Unlogged: a count lost in a crash only forgives part of a window, and no WAL is written on the login path. Windows older
-- than the current one are swept by the hub (PunchoutRateLimits).
CREATE UNLOGGED TABLE hub.punchout_rate_limits (
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    calls        integer     NOT NULL,
    PRIMARY KEY (key, window_start)
);
