-- Call and email logging (seed 001): contacts as the CRM's mirror, channel configurations,
-- categories, communication threads and logs, attachments and the mailbox dedupe ledger.

-- The CRM pushes contacts (upsert by external id) so that mails and calls link to them.
create table contacts (
    id            uuid primary key,
    company_id    uuid         not null references companies (id),
    customer_id   uuid references customers (id),
    external_id   varchar(100),
    first_name    varchar(100),
    last_name     varchar(100),
    job_title     varchar(100),
    -- lower-case addresses and digit-only phone numbers (a leading + kept), for matching
    emails        text[]       not null default '{}',
    phones        text[]       not null default '{}',
    source        varchar(20)  not null default 'api',
    version       bigint       not null default 0,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    anonymized_at timestamptz,
    unique (company_id, external_id)
);
create index contacts_emails_idx on contacts using gin (emails);
create index contacts_phones_idx on contacts using gin (phones);
create index contacts_customer_idx on contacts (customer_id);

-- Customers are kept by the CRM too (upsert by external id); addresses of their domain help
-- linking mail from people the CRM has not sent yet.
alter table customers add column updated_at timestamptz not null default now();
alter table customers add column version bigint not null default 0;

-- Seed 001 section 4.2. Secrets (API key, webhook signing secret, mailbox password) are stored
-- encrypted (AES-GCM, key from the environment) and never returned.
create table channel_configurations (
    id                          uuid primary key,
    company_id                  uuid         not null references companies (id),
    channel_code                varchar(20)  not null,
    channel_name                varchar(100) not null,
    channel_type                varchar(20)  not null,
    description                 text,
    is_active                   boolean      not null default true,
    is_default                  boolean      not null default false,
    requires_authentication     boolean      not null default false,
    api_endpoint                varchar(500),
    api_key_encrypted           text,
    webhook_url                 varchar(500),
    webhook_secret_encrypted    text,
    auto_transcription          boolean      not null default false,
    sentiment_analysis          boolean      not null default true,
    auto_categorization         boolean      not null default true,
    -- email channels: the IMAP mailbox polled for inbound mail
    imap_host                   varchar(255),
    imap_port                   integer,
    imap_security               varchar(10),
    imap_username               varchar(255),
    imap_password_encrypted     text,
    imap_folder                 varchar(255) not null default 'INBOX',
    processed_folder            varchar(255),
    mailbox_address             varchar(320),
    poll_interval_seconds       integer      not null default 60,
    last_polled_at              timestamptz,
    last_poll_error             text,
    last_poll_error_at          timestamptz,
    consecutive_poll_failures   integer      not null default 0,
    version                     bigint       not null default 0,
    created_at                  timestamptz  not null default now(),
    updated_at                  timestamptz  not null default now(),
    unique (company_id, channel_code),
    check (channel_type in ('email', 'phone', 'sms', 'chat', 'meeting', 'social', 'other')),
    check (imap_security is null or imap_security in ('ssl', 'starttls', 'none')),
    check (poll_interval_seconds >= 10)
);
create index channel_configurations_company_active_idx on channel_configurations (company_id, is_active);

-- Seed 001 section 4.1, per company, with a hierarchy; keywords feed triage; retention per category.
create table communication_categories (
    id                  uuid primary key,
    company_id          uuid         not null references companies (id),
    category_code       varchar(20)  not null,
    category_name       varchar(100) not null,
    description         text,
    parent_category_id  uuid references communication_categories (id),
    is_active           boolean      not null default true,
    is_default          boolean      not null default false,
    default_priority    varchar(20)  not null default 'normal',
    auto_categorization boolean      not null default false,
    keywords            text[]       not null default '{}',
    color               varchar(7),
    icon                varchar(50),
    retention_days      integer,
    retention_action    varchar(10),
    version             bigint       not null default 0,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    unique (company_id, category_code),
    check (retention_action is null or retention_action in ('archive', 'purge')),
    check ((retention_days is null) = (retention_action is null))
);
create index communication_categories_parent_idx on communication_categories (parent_category_id);

-- A conversation: the mails and calls that belong together.
create table communication_threads (
    id              uuid primary key,
    company_id      uuid        not null references companies (id),
    customer_id     uuid references customers (id),
    subject         varchar(200),
    thread_token    varchar(20) not null unique,
    created_at      timestamptz not null default now(),
    last_message_at timestamptz not null default now()
);
create index communication_threads_company_idx on communication_threads (company_id, last_message_at desc);

-- Seed 001 section 3.1, plus what email threading, calls and the follow-up process need.
create table communication_logs (
    id                            uuid primary key,
    company_id                    uuid         not null references companies (id),
    customer_id                   uuid references customers (id),
    contact_id                    uuid references contacts (id),
    assigned_to_user_id           uuid references users (id),
    created_by_user_id            uuid references users (id),
    updated_by_user_id            uuid references users (id),
    communication_type            varchar(20)  not null,
    channel                       varchar(20)  not null,
    channel_id                    uuid references channel_configurations (id),
    direction                     varchar(20)  not null,
    subject                       varchar(200) not null,
    start_time                    timestamptz  not null,
    end_time                      timestamptz,
    duration_minutes              integer,
    content                       text         not null,
    summary                       text,
    transcription                 text,
    priority                      varchar(20)  not null default 'normal',
    status                        varchar(20)  not null default 'logged',
    is_internal                   boolean      not null default false,
    sentiment                     varchar(20),
    sentiment_score               numeric(5, 2),
    key_topics                    jsonb        not null default '[]',
    requires_follow_up            boolean      not null default false,
    follow_up_assigned_to         uuid references users (id),
    follow_up_date                timestamptz,
    follow_up_status              varchar(20),
    follow_up_process_instance_id varchar(64),
    follow_up_task_id             uuid,
    thread_id                     uuid references communication_threads (id),
    message_id                    varchar(998),
    in_reply_to                   varchar(998),
    references_header             text,
    from_address                  varchar(320),
    to_addresses                  text[]       not null default '{}',
    cc_addresses                  text[]       not null default '{}',
    malformed                     boolean      not null default false,
    parse_error                   text,
    raw_source_path               varchar(500),
    external_call_id              varchar(100),
    from_number                   varchar(40),
    to_number                     varchar(40),
    disposition                   varchar(40),
    recording_url                 varchar(1000),
    archived_at                   timestamptz,
    anonymized_at                 timestamptz,
    version                       bigint       not null default 0,
    created_at                    timestamptz  not null default now(),
    updated_at                    timestamptz  not null default now(),
    is_deleted                    boolean      not null default false,
    check (end_time is null or end_time >= start_time),
    check (sentiment_score is null or sentiment_score between -1 and 1),
    check (direction in ('inbound', 'outbound', 'internal'))
);
create index communication_logs_company_created_idx on communication_logs (company_id, created_at desc);
create index communication_logs_company_start_idx on communication_logs (company_id, start_time desc);
create index communication_logs_customer_idx on communication_logs (customer_id);
create index communication_logs_contact_idx on communication_logs (contact_id);
create index communication_logs_assigned_idx on communication_logs (assigned_to_user_id);
create index communication_logs_thread_idx on communication_logs (thread_id, start_time);
create unique index communication_logs_message_id_idx on communication_logs (company_id, message_id)
    where message_id is not null;
create unique index communication_logs_call_id_idx on communication_logs (company_id, external_call_id)
    where external_call_id is not null;

create table communication_log_categories (
    log_id      uuid not null references communication_logs (id),
    category_id uuid not null references communication_categories (id),
    primary key (log_id, category_id)
);
create index communication_log_categories_category_idx on communication_log_categories (category_id);

-- Seed 001 section 3.2. Deleting a log soft-deletes its attachments; the files stay.
create table communication_attachments (
    id                   uuid primary key,
    communication_log_id uuid         not null references communication_logs (id),
    company_id           uuid         not null references companies (id),
    uploaded_by_user_id  uuid references users (id),
    file_name            varchar(255) not null,
    file_type            varchar(100) not null,
    file_size            bigint       not null,
    file_path            varchar(500) not null,
    sha256               varchar(64)  not null,
    is_public            boolean      not null default false,
    is_internal          boolean      not null default false,
    download_count       integer      not null default 0,
    is_deleted           boolean      not null default false,
    created_at           timestamptz  not null default now()
);
create index communication_attachments_log_idx on communication_attachments (communication_log_id, created_at);
create index communication_attachments_type_idx on communication_attachments (file_type);
create index communication_attachments_created_idx on communication_attachments (created_at);

-- Which mailbox messages have been logged: a message is marked on the server only after its log
-- committed; one already in this ledger is only marked again, never logged twice.
create table mailbox_messages (
    channel_id  uuid         not null references channel_configurations (id),
    message_key varchar(998) not null,
    log_id      uuid         not null references communication_logs (id),
    imap_uid    bigint,
    received_at timestamptz  not null default now(),
    marked_at   timestamptz,
    primary key (channel_id, message_key)
);
