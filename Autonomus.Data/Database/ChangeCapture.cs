namespace Autonomus.Data.Database;

/// <summary>
/// The database side of change events. The actor, cause, correlation and batch of a change are the transaction's settings
/// (<see cref="Core.History.ChangeContext"/>; <c>app.actor</c> — "person:&lt;id&gt;", "api_key:&lt;id&gt;", "policy:&lt;name&gt;@v&lt;n&gt;", "system" when unset —,
/// <c>app.cause</c>, <c>app.correlation_id</c>, <c>app.batch_id</c>): the connection sets the actor for the signed-in
/// principal, the apply path overrides it for its transaction. Bookkeeping columns (times, version, derived scores) are
/// not changes; an update that changes nothing else writes no event.
/// </summary>
public static class ChangeCapture
{
    public static IReadOnlyList<(string Table, string RecordType)> Tables => Core.History.TrackedRecords.Tables;

    public static IReadOnlyList<string> NotChanges => Core.History.TrackedRecords.UntrackedColumns;

    /// <summary>
    /// Every how many versions a record's whole state is kept (a snapshot): the database setting
    /// <c>autonomus.snapshot_every</c> (<c>ALTER DATABASE … SET autonomus.snapshot_every = 50</c>), 100 unless set.
    /// </summary>
    private const string SnapshotEvery = "greatest(coalesce(nullif(current_setting('autonomus.snapshot_every', true), '')::int, 100), 1)";

    private static string NotChangesSql => string.Join(", ", NotChanges.Select(c => $"'{c}'"));

    public const string ActorSetting = Core.History.ChangeContext.ActorSetting;
    public const string CauseSetting = Core.History.ChangeContext.CauseSetting;
    public const string CorrelationSetting = Core.History.ChangeContext.CorrelationSetting;
    public const string BatchSetting = Core.History.ChangeContext.BatchSetting;

    /// <summary>The tables and the capture function as the first migration made them (no snapshots yet).</summary>
    public static string CreateSql => TablesSql + FunctionSql(withSnapshots: false);

    private static string TablesSql => $$"""
        CREATE TABLE change_events (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            -- No foreign key: the tenant is the written record's own (which has one), and a check per event would cost a
            -- third of the capture's price.
            tenant_id uuid NOT NULL,
            record_type varchar(20) NOT NULL,
            record_id uuid NOT NULL,
            version integer,
            operation varchar(12) NOT NULL,
            changes jsonb NOT NULL,
            actor varchar(200) NOT NULL,
            actor_type varchar(20) NOT NULL,
            cause varchar(200),
            correlation_id uuid,
            batch_id uuid,
            at timestamptz NOT NULL,
            tx xid8 NOT NULL,
            position bigint);
        -- A record's history, newest first; the feed's order; the events not yet placed in it.
        CREATE INDEX ix_change_events_record ON change_events (tenant_id, record_id, id);
        CREATE UNIQUE INDEX ix_change_events_position ON change_events (tenant_id, position) WHERE position IS NOT NULL;
        CREATE INDEX ix_change_events_unplaced ON change_events (tenant_id, id) WHERE position IS NULL;

        -- Where each subscriber of an organisation's feed has read up to.
        CREATE TABLE change_consumers (
            tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            consumer varchar(100) NOT NULL,
            position bigint NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (tenant_id, consumer));
        """;

    /// <summary>
    /// The capture function, with or without snapshots (each migration names the form it installs, and its Down the one
    /// before). SECURITY DEFINER, owned by the owner role: the runtime role may not insert events or snapshots itself —
    /// only its writes to CRM records make them.
    /// </summary>
    public static string FunctionSql(bool withSnapshots) => $$"""
        CREATE OR REPLACE FUNCTION capture_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            o jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
            n jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
            rec jsonb := CASE WHEN TG_OP = 'DELETE' THEN o ELSE n END;
            actor text := coalesce(nullif(current_setting('{{ActorSetting}}', true), ''), 'system');
            diff jsonb;
            v_at timestamptz;
            v_event bigint;
        BEGIN
            -- The row's columns (both rows have the same ones: building their union cost a fifth of the capture).
            SELECT coalesce(jsonb_object_agg(k, jsonb_build_array(o -> k, n -> k)), '{}'::jsonb) INTO diff
            FROM jsonb_object_keys(rec) AS k
            WHERE k <> ALL (ARRAY[{{NotChangesSql}}])
              AND (o -> k) IS DISTINCT FROM (n -> k)
              AND NOT (TG_OP = 'INSERT' AND n -> k = 'null'::jsonb);
            IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN RETURN NULL; END IF;
            -- The writer's clock where it stamped the row (so history and the record agree), else the transaction's.
            v_at := CASE WHEN TG_OP = 'INSERT' THEN (n ->> 'created_at')::timestamptz
                       WHEN TG_OP = 'UPDATE' AND n ->> 'updated_at' IS DISTINCT FROM o ->> 'updated_at' THEN (n ->> 'updated_at')::timestamptz
                       ELSE now() END;
            INSERT INTO change_events (tenant_id, record_type, record_id, version, operation, changes, actor, actor_type, cause,
                                       correlation_id, batch_id, at, tx)
            VALUES ((rec ->> 'tenant_id')::uuid, TG_ARGV[0], (rec ->> 'id')::uuid, (rec ->> 'version')::int,
                    CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'DELETE' THEN 'deleted'
                         ELSE CASE WHEN o ->> 'archived_at' IS NULL AND n ->> 'archived_at' IS NOT NULL THEN 'archived'
                                   WHEN o ->> 'archived_at' IS NOT NULL AND n ->> 'archived_at' IS NULL THEN 'restored'
                                   ELSE 'updated' END END,
                    diff, left(actor, 200), left(split_part(actor, ':', 1), 20),
                    left(nullif(current_setting('{{CauseSetting}}', true), ''), 200),
                    nullif(current_setting('{{CorrelationSetting}}', true), '')::uuid,
                    nullif(current_setting('{{BatchSetting}}', true), '')::uuid,
                    v_at, pg_current_xact_id())
            RETURNING id INTO v_event;
            -- Every N-th version, the whole tracked state too: as-of replays only what follows the nearest snapshot.
            IF {{(withSnapshots ? "true" : "false")}} AND TG_OP <> 'DELETE' AND (n ->> 'version')::int % {{SnapshotEvery}} = 0 THEN
                INSERT INTO change_snapshots (tenant_id, record_id, event_id, at, version, state)
                SELECT (n ->> 'tenant_id')::uuid, (n ->> 'id')::uuid, v_event, v_at, (n ->> 'version')::int, coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
                FROM jsonb_each(n) AS f(k, v)
                WHERE k <> ALL (ARRAY[{{NotChangesSql}}]) AND v <> 'null'::jsonb;
            END IF;
            RETURN NULL;
        END $$;
        """;
}
