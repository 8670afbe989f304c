-- iCalendar feeds: the URL's token is the credential; only its SHA-256 is stored.
create table calendar_feeds (
    user_id    uuid primary key references users (id) on delete cascade,
    company_id uuid        not null references companies (id),
    token_hash varchar(64) not null unique,
    created_at timestamptz not null
);
