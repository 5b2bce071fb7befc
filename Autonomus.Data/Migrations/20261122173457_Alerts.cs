using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_alerted_at",
                table: "suggestions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ledger_verified_at",
                table: "autonomy_settings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ledger_verified_entries",
                table: "autonomy_settings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ledger_verified_intact",
                table: "autonomy_settings",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "review_sla_hours",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            // Alerts are announced by the database, in the transaction that causes them: PostgreSQL delivers a NOTIFY
            // at commit (never on rollback) to every node listening on the channel. Payloads stay small (NOTIFY refuses
            // more than 8000 bytes, which would fail the transaction): at most 5 items, text cut short.

            // Review alerts go where RecordAccess lets people see the record, so each carries its record's owning "team":
            // NULL when nobody owns it (every manager sees it); the owner's team; '@<user id>' for an owner without a team
            // (that owner and Admins see it); '@admins' when the record is gone.
            migrationBuilder.Sql("""
                CREATE FUNCTION record_owner_team(p_tenant uuid, p_type text, p_id uuid) RETURNS text
                LANGUAGE plpgsql STABLE AS $$
                DECLARE
                    v_found boolean;
                    v_owner uuid;
                BEGIN
                    CASE p_type
                        WHEN 'Lead' THEN SELECT true, owner_id INTO v_found, v_owner FROM leads WHERE id = p_id;
                        WHEN 'Deal' THEN SELECT true, owner_id INTO v_found, v_owner FROM deals WHERE id = p_id;
                        WHEN 'Account' THEN SELECT true, owner_id INTO v_found, v_owner FROM accounts WHERE id = p_id;
                        WHEN 'Contact' THEN SELECT true, owner_id INTO v_found, v_owner FROM contacts WHERE id = p_id;
                        WHEN 'Activity' THEN SELECT true, owner_id INTO v_found, v_owner FROM activities WHERE id = p_id;
                        ELSE v_found := NULL;
                    END CASE;
                    IF v_found IS NULL THEN RETURN '@admins'; END IF;
                    IF v_owner IS NULL THEN RETURN NULL; END IF;
                    RETURN coalesce((SELECT NULLIF(u.team, '') FROM users u WHERE u.tenant_id = p_tenant AND u.id = v_owner), '@' || v_owner);
                END $$;

                -- Sends an alert; one over NOTIFY's 8000 bytes goes without its items and reason rather than failing the transaction.
                CREATE FUNCTION alert_notify(p_alert jsonb) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF octet_length(p_alert::text) > 7900 THEN
                        p_alert := p_alert - 'items' - 'reason';
                    END IF;
                    PERFORM pg_notify('autonomus_alerts', p_alert::text);
                END $$;

                CREATE FUNCTION alert_suggestions_created() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM alert_notify(jsonb_build_object(
                        'kind', 'suggestions_created', 'tenant', g.tenant_id, 'team', g.team, 'count', g.n, 'highCount', g.high,
                        'items', to_jsonb(g.items[1:5]), 'at', clock_timestamp()))
                    FROM (
                        SELECT tenant_id, team, count(*) AS n, count(*) FILTER (WHERE priority = 2) AS high,
                               array_agg(jsonb_build_object('id', id, 'summary', left(summary, 160), 'record', left(record_label, 80),
                                                            'recordType', record_type, 'recordId', record_id) ORDER BY created_at)
                                   FILTER (WHERE priority = 2) AS items
                        FROM (SELECT c.*, record_owner_team(c.tenant_id, c.record_type, c.record_id) AS team FROM created c) x
                        GROUP BY tenant_id, team) g;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER suggestions_created_alert AFTER INSERT ON suggestions
                    REFERENCING NEW TABLE AS created FOR EACH STATEMENT EXECUTE FUNCTION alert_suggestions_created();

                -- A pending suggestion resolved (queues refresh), or an approved one that failed to apply (reviewers are told).
                CREATE FUNCTION alert_suggestions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM alert_notify(jsonb_build_object(
                        'kind', CASE WHEN g.failed THEN 'apply_failed' ELSE 'suggestions_resolved' END,
                        'tenant', g.tenant_id, 'team', g.team, 'count', g.n, 'items', to_jsonb(g.items[1:5]),
                        'reason', g.reason, 'at', clock_timestamp()))
                    FROM (
                        SELECT n.tenant_id, record_owner_team(n.tenant_id, n.record_type, n.record_id) AS team, n.status = 'Failed' AS failed,
                               count(*) AS n, min(left(n.apply_result, 200)) AS reason,
                               array_agg(jsonb_build_object('id', n.id, 'summary', left(n.summary, 160), 'record', left(n.record_label, 80),
                                                            'recordType', n.record_type, 'recordId', n.record_id) ORDER BY n.updated_at) AS items
                        FROM changed n JOIN previous o ON o.id = n.id
                        WHERE n.status IS DISTINCT FROM o.status AND (o.status = 'Pending' OR n.status = 'Failed')
                        GROUP BY 1, 2, 3) g;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER suggestions_changed_alert AFTER UPDATE ON suggestions
                    REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION alert_suggestions_changed();

                CREATE FUNCTION alert_kill_switch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM alert_notify(jsonb_build_object(
                        'kind', 'kill_switch', 'tenant', NEW.tenant_id, 'engaged', NEW.kill_switch_engaged,
                        'reason', left(NEW.kill_switch_reason, 200),
                        'by', (SELECT left(display_name, 80) FROM users WHERE id = NEW.kill_switch_by), 'at', clock_timestamp()));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER kill_switch_changed_alert AFTER UPDATE OF kill_switch_engaged ON autonomy_settings FOR EACH ROW
                    WHEN (OLD.kill_switch_engaged IS DISTINCT FROM NEW.kill_switch_engaged) EXECUTE FUNCTION alert_kill_switch();
                CREATE TRIGGER kill_switch_engaged_alert AFTER INSERT ON autonomy_settings FOR EACH ROW
                    WHEN (NEW.kill_switch_engaged) EXECUTE FUNCTION alert_kill_switch();

                -- The SLA watch scans only the pending suggestions nobody was alerted about yet.
                CREATE INDEX ix_suggestions_sla_watch ON suggestions (tenant_id, created_at)
                    WHERE status = 'Pending' AND sla_alerted_at IS NULL;

                -- The scheduler's jobs as the health panel shows them: one row per job, whichever node ran it last.
                CREATE TABLE job_status (
                    job text PRIMARY KEY,
                    node text NOT NULL,
                    last_started_at timestamptz NOT NULL,
                    last_finished_at timestamptz,
                    last_duration_ms bigint,
                    last_succeeded_at timestamptz,
                    last_error text,
                    last_error_at timestamptz,
                    runs bigint NOT NULL DEFAULT 0,
                    failures bigint NOT NULL DEFAULT 0
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS job_status;
                DROP INDEX IF EXISTS ix_suggestions_sla_watch;
                DROP TRIGGER IF EXISTS kill_switch_engaged_alert ON autonomy_settings;
                DROP TRIGGER IF EXISTS kill_switch_changed_alert ON autonomy_settings;
                DROP FUNCTION IF EXISTS alert_kill_switch();
                DROP TRIGGER IF EXISTS suggestions_changed_alert ON suggestions;
                DROP FUNCTION IF EXISTS alert_suggestions_changed();
                DROP TRIGGER IF EXISTS suggestions_created_alert ON suggestions;
                DROP FUNCTION IF EXISTS alert_suggestions_created();
                DROP FUNCTION IF EXISTS record_owner_team(uuid, text, uuid);
                DROP FUNCTION IF EXISTS alert_notify(jsonb);
                """);

            migrationBuilder.DropColumn(
                name: "sla_alerted_at",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "ledger_verified_at",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "ledger_verified_entries",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "ledger_verified_intact",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "review_sla_hours",
                table: "autonomy_settings");
        }
    }
}
