-- Request counters per key and minute, shared by every application node (S5 rate limits).
create table rate_limit_counters (
    limit_key    varchar(200) not null,
    window_start timestamptz  not null,
    hits         integer      not null,
    primary key (limit_key, window_start)
);
create index idx_rate_limit_window on rate_limit_counters (window_start);
