namespace Autonomus.Data.Database;

/// <summary>
/// Change events and ledger entries are partitioned by month of <c>at</c> (declarative range partitioning): a partition for
/// everything before the first month, one per month, and a default one for what lies beyond the months made so far.
/// <c>ensure_month_partitions</c>, run by a job, keeps months ahead ready and moves anything waiting in the default
/// partition into its month. Queries bounded in time read only their months (partition pruning).
/// </summary>
public static class MonthlyPartitions
{
    /// <summary>
    /// How many months before the conversion get their own partition; older rows share one. Few: a record's history reads
    /// every month (it is not bounded in time), and each partition costs it an index probe.
    /// </summary>
    public const int MonthsBack = 1;
    private const int MonthsAhead = Core.History.MaintainPartitions.MonthsAhead;

    public const string FunctionSql = """
        -- A partition is reached through its parent only (whose grants and row-level security apply there): nobody but
        -- the owner holds rights on the partition itself.
        CREATE FUNCTION revoke_partition_grants(p_partition text) RETURNS void LANGUAGE plpgsql AS $f$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
                     WHERE table_schema = 'public' AND table_name = p_partition AND grantee <> current_user LOOP
                EXECUTE format('REVOKE ALL ON %I FROM %I', p_partition, r.grantee);
            END LOOP;
            EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', p_partition);
        END $f$;

        CREATE FUNCTION ensure_month_partitions(p_table text, p_months_ahead integer) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $f$
        DECLARE
            v_month date := date_trunc('month', now())::date;
            v_last date := (date_trunc('month', now()) + make_interval(months => p_months_ahead))::date;
            v_name text;
            v_made integer := 0;
            v_waiting bigint;
        BEGIN
            IF p_table NOT IN ('change_events', 'ledger_entries') THEN
                RAISE EXCEPTION 'ensure_month_partitions: % is not partitioned by month', p_table;
            END IF;
            IF p_months_ahead NOT BETWEEN 0 AND 24 THEN
                RAISE EXCEPTION 'ensure_month_partitions: between 0 and 24 months ahead';
            END IF;
            -- One maintainer at a time (two nodes' jobs), and nobody writing while rows move out of the default partition.
            PERFORM pg_advisory_xact_lock(hashtextextended('partitions:' || p_table, 0));
            -- From this month on, each month up to the horizon (the months before were made earlier).
            WHILE v_month <= v_last LOOP
                v_name := format('%s_%s', p_table, to_char(v_month, 'YYYY_MM'));
                IF to_regclass(v_name) IS NULL THEN
                    -- Rows of that month that arrived before it had a partition wait in the default one: moved across
                    -- (the ledger's own guard is paused for the move, inside this transaction only).
                    EXECUTE format('SELECT count(*) FROM %I WHERE at >= %L AND at < %L', p_table || '_default', v_month, (v_month + interval '1 month')::date) INTO v_waiting;
                    IF v_waiting > 0 THEN
                        EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', p_table);
                        EXECUTE format('CREATE TEMP TABLE partition_move ON COMMIT DROP AS SELECT * FROM %I WITH NO DATA', p_table || '_default');
                        EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', p_table || '_default');
                        -- Moved in one statement: what is deleted is exactly what is kept aside.
                        EXECUTE format('WITH m AS (DELETE FROM %I WHERE at >= %L AND at < %L RETURNING *) INSERT INTO partition_move SELECT * FROM m',
                            p_table || '_default', v_month, (v_month + interval '1 month')::date);
                        EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', p_table || '_default');
                    END IF;
                    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', v_name, p_table, v_month, (v_month + interval '1 month')::date);
                    PERFORM revoke_partition_grants(v_name);
                    IF v_waiting > 0 THEN
                        EXECUTE format('INSERT INTO %I SELECT * FROM partition_move', v_name);
                        DROP TABLE partition_move;
                    END IF;
                    v_made := v_made + 1;
                END IF;
                v_month := (v_month + interval '1 month')::date;
            END LOOP;
            RETURN v_made;
        END $f$;
        REVOKE ALL ON FUNCTION ensure_month_partitions(text, integer) FROM PUBLIC;
        """;

    /// <summary>
    /// Rebuilds <paramref name="table"/> as a table partitioned by month of <c>at</c>, rows, indexes (unique ones extended
    /// with <c>at</c>, as partitioning requires), row-level security and the triggers named kept.
    /// </summary>
    public static string ConvertSql(string table, string primaryKey, string? sequenceColumn = null) => $$"""
        DO $convert$
        DECLARE
            v_indexes text[];
            v_index text;
            v_month date;
            v_first date;
            v_next bigint;
        BEGIN
            -- Months in UTC, whatever the session's time zone.
            SET LOCAL TimeZone = 'UTC';
            v_first := (date_trunc('month', now()) - interval '{{MonthsBack}} months')::date;
            v_month := v_first;
            SELECT coalesce(array_agg(CASE WHEN i.indisunique
                                           THEN regexp_replace(pg_get_indexdef(i.indexrelid), '\)( WHERE .*)?$', ', at)\1')
                                           ELSE pg_get_indexdef(i.indexrelid) END), '{}')
              INTO v_indexes FROM pg_index i WHERE i.indrelid = '{{table}}'::regclass AND NOT i.indisprimary;
            ALTER TABLE {{table}} RENAME TO {{table}}_unpartitioned;
            CREATE TABLE {{table}} (LIKE {{table}}_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at);
            EXECUTE format('CREATE TABLE %I PARTITION OF {{table}} FOR VALUES FROM (MINVALUE) TO (%L)', '{{table}}_before', v_first);
            CREATE TABLE {{table}}_default PARTITION OF {{table}} DEFAULT;
            WHILE v_month <= (date_trunc('month', now()) + interval '{{MonthsAhead}} months')::date LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF {{table}} FOR VALUES FROM (%L) TO (%L)',
                    '{{table}}_' || to_char(v_month, 'YYYY_MM'), v_month, (v_month + interval '1 month')::date);
                v_month := (v_month + interval '1 month')::date;
            END LOOP;
            INSERT INTO {{table}} SELECT * FROM {{table}}_unpartitioned;
            {{(sequenceColumn is null ? "" : $"""
            SELECT coalesce(max({sequenceColumn}), 0) + 1 INTO v_next FROM {table}_unpartitioned;
            """)}}
            DROP TABLE {{table}}_unpartitioned;
            {{(sequenceColumn is null ? "" : $"""
            -- Partitioned tables take no identity column here: a sequence numbers the events instead.
            EXECUTE format('CREATE SEQUENCE {table}_{sequenceColumn}_seq START WITH %s', v_next);
            ALTER TABLE {table} ALTER COLUMN {sequenceColumn} SET DEFAULT nextval('{table}_{sequenceColumn}_seq');
            ALTER SEQUENCE {table}_{sequenceColumn}_seq OWNED BY {table}.{sequenceColumn};
            """)}}
            ALTER TABLE {{table}} ADD PRIMARY KEY ({{primaryKey}}, at);
            FOREACH v_index IN ARRAY v_indexes LOOP EXECUTE v_index; END LOOP;
        END $convert$;
        """;
}
