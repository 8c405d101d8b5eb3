-- Issue 16: Quartz.NET 4.7 (AdoJobStore, clustered) replaces the hand-written scheduler and its "ScheduledJobs" table.
-- These are the tables the 4.7 PostgreSQL delegate reads and writes, with the prefix qrtz_ (the store's TablePrefix),
-- written from Quartz's documented PostgreSQL schema for 4.x; Quartz validates them at startup
-- (SchemaProvisioning.Validate) and never creates or alters them itself. They are not in the EF model:
-- MigrationsMatchModelTests leaves qrtz_* out. Times are Quartz's own: UTC ticks in bigint columns.
-- The app role gets DML on them like on every other table (DatabaseRoles.GrantAppRoleAsync).

-- What is scheduled ------------------------------------------------------------------------------------------------
CREATE TABLE qrtz_job_details (
    sched_name        text NOT NULL,
    job_name          text NOT NULL,
    job_group         text NOT NULL,
    description       text NULL,
    job_class_name    text NOT NULL,
    is_durable        boolean NOT NULL,
    is_nonconcurrent  boolean NOT NULL,
    is_update_data    boolean NOT NULL,
    requests_recovery boolean NOT NULL,
    job_data          bytea NULL,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE qrtz_triggers (
    sched_name              text NOT NULL,
    trigger_name            text NOT NULL,
    trigger_group           text NOT NULL,
    job_name                text NOT NULL,
    job_group               text NOT NULL,
    description             text NULL,
    next_fire_time          bigint NULL,
    prev_fire_time          bigint NULL,
    priority                integer NULL,
    trigger_state           text NOT NULL,
    trigger_type            text NOT NULL,
    start_time              bigint NOT NULL,
    end_time                bigint NULL,
    calendar_name           text NULL,
    misfire_instr           smallint NULL,
    misfire_orig_fire_time  bigint NULL,
    execution_group         varchar(200) NULL,
    preferred_node          varchar(200) NULL,
    preferred_node_auto     boolean NOT NULL DEFAULT false,
    retry_policy            varchar(250) NULL,
    retry_attempt           integer NULL,
    continues_trigger_name  text NULL,
    continues_trigger_group text NULL,
    continuation_condition  integer NULL,
    overlap_policy          integer NULL,
    pause_reason            varchar(250) NULL,
    paused_by               varchar(200) NULL,
    paused_at               bigint NULL,
    misfire_threshold       bigint NULL,
    fixed_delay             boolean NULL,
    job_data                bytea NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
);

-- One row per trigger in the table of its kind (the app uses cron triggers, and simple ones for "run now").
CREATE TABLE qrtz_simple_triggers (
    sched_name      text NOT NULL,
    trigger_name    text NOT NULL,
    trigger_group   text NOT NULL,
    repeat_count    bigint NOT NULL,
    repeat_interval bigint NOT NULL,
    times_triggered bigint NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_cron_triggers (
    sched_name      text NOT NULL,
    trigger_name    text NOT NULL,
    trigger_group   text NOT NULL,
    cron_expression text NOT NULL,
    time_zone_id    text NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_simprop_triggers (
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    str_prop_1    text NULL,
    str_prop_2    text NULL,
    str_prop_3    text NULL,
    int_prop_1    integer NULL,
    int_prop_2    integer NULL,
    long_prop_1   bigint NULL,
    long_prop_2   bigint NULL,
    dec_prop_1    numeric NULL,
    dec_prop_2    numeric NULL,
    bool_prop_1   boolean NULL,
    bool_prop_2   boolean NULL,
    time_zone_id  text NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_blob_triggers (
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    blob_data     bytea NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE qrtz_calendars (
    sched_name    text NOT NULL,
    calendar_name text NOT NULL,
    calendar      bytea NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE qrtz_paused_trigger_grps (
    sched_name    text NOT NULL,
    trigger_group text NOT NULL,
    pause_reason  varchar(250) NULL,
    paused_by     varchar(200) NULL,
    paused_at     bigint NULL,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE qrtz_paused_job_grps (
    sched_name   text NOT NULL,
    job_group    text NOT NULL,
    pause_reason varchar(250) NULL,
    paused_by    varchar(200) NULL,
    paused_at    bigint NULL,
    PRIMARY KEY (sched_name, job_group)
);

-- What is running, and the cluster ------------------------------------------------------------------------------------
-- A firing in progress: a node that stops checking in leaves its rows here, and another node recovers the jobs
-- marked requests_recovery.
CREATE TABLE qrtz_fired_triggers (
    sched_name               text NOT NULL,
    entry_id                 text NOT NULL,
    trigger_name             text NOT NULL,
    trigger_group            text NOT NULL,
    instance_name            text NOT NULL,
    fired_time               bigint NOT NULL,
    sched_time               bigint NOT NULL,
    priority                 integer NOT NULL,
    state                    text NOT NULL,
    job_name                 text NULL,
    job_group                text NULL,
    is_nonconcurrent         boolean NOT NULL,
    requests_recovery        boolean NULL,
    execution_group          varchar(200) NULL,
    progress                 integer NULL,
    progress_message         varchar(250) NULL,
    interrupt_requested_time bigint NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_scheduler_state (
    sched_name        text NOT NULL,
    instance_name     text NOT NULL,
    last_checkin_time bigint NOT NULL,
    checkin_interval  bigint NOT NULL,
    quartz_version    varchar(20) NULL,
    PRIMARY KEY (sched_name, instance_name)
);

-- Row locks (SELECT … FOR UPDATE) that serialise trigger acquisition and state changes across the cluster.
CREATE TABLE qrtz_locks (
    sched_name text NOT NULL,
    lock_name  text NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

-- What has run (UseExecutionHistory: shared by every node; the admin page reads qrtz_job_status) -----------------------
CREATE TABLE qrtz_execution_history (
    sched_name          text NOT NULL,
    entry_id            text NOT NULL,
    instance_name       text NOT NULL,
    job_name            text NOT NULL,
    job_group           text NOT NULL,
    trigger_name        text NOT NULL,
    trigger_group       text NOT NULL,
    fired_time          bigint NOT NULL,
    run_time            bigint NOT NULL,
    succeeded           boolean NOT NULL,
    error_message       text NULL,
    retry_attempt       integer NOT NULL DEFAULT 0,
    retry_scheduled     boolean NOT NULL DEFAULT false,
    execution_log       text NULL,
    result              integer NULL,
    summary             text NULL,
    metrics             text NULL,
    manual              boolean NULL,
    fire_instance_id    text NULL,
    job_input           text NULL,
    job_input_too_large boolean NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_misfire_history (
    sched_name    text NOT NULL,
    entry_id      text NOT NULL,
    instance_name text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    job_name      text NULL,
    job_group     text NULL,
    misfire_time  bigint NOT NULL,
    sched_time    bigint NULL,
    reason        integer NULL,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE qrtz_job_status (
    sched_name           text NOT NULL,
    job_group            text NOT NULL,
    job_name             text NOT NULL,
    first_fired_time     bigint NOT NULL,
    last_fired_time      bigint NOT NULL,
    last_result          integer NOT NULL,
    last_run_time        bigint NOT NULL,
    last_instance_name   text NOT NULL,
    last_entry_id        text NULL,
    last_summary         text NULL,
    last_success_time    bigint NULL,
    last_failure_time    bigint NULL,
    last_failure_message text NULL,
    consecutive_failures integer NOT NULL DEFAULT 0,
    run_count            bigint NOT NULL DEFAULT 0,
    failure_count        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (sched_name, job_group, job_name)
);

-- Indexes the store's queries lead with (every one starts with sched_name).
CREATE INDEX idx_qrtz_j_g_n ON qrtz_job_details (sched_name, job_group, job_name);
CREATE INDEX idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_t_g_n ON qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
CREATE INDEX idx_qrtz_t_nft_st ON qrtz_triggers (sched_name, trigger_state, next_fire_time ASC, priority DESC, misfire_instr);
CREATE INDEX idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
CREATE INDEX idx_qrtz_eh_fired_time ON qrtz_execution_history (sched_name, fired_time);
CREATE INDEX idx_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name);
CREATE INDEX idx_qrtz_eh_job_time ON qrtz_execution_history (sched_name, job_group, job_name, fired_time);
CREATE INDEX idx_qrtz_eh_fire_inst ON qrtz_execution_history (sched_name, fire_instance_id);
CREATE INDEX idx_qrtz_eh_trig_time ON qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
CREATE INDEX idx_qrtz_mh_misfire_time ON qrtz_misfire_history (sched_name, misfire_time);
CREATE INDEX idx_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name);

-- The hand-written scheduler's schedule and leases: Quartz's triggers and its execution history replace them.
DROP TABLE "ScheduledJobs";
