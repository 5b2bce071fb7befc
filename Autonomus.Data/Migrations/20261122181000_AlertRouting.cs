using Autonomus.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// Review alerts follow exactly who may see the record: a record owned by someone without a team is seen by its
    /// owner and Admins, not by every manager; a record that is gone, by Admins only. And no alert can fail the
    /// transaction that raised it: a payload over NOTIFY's 8000 bytes is sent without its items and reason.
    /// (No model change: hand-written SQL only.)
    /// </summary>
    [DbContext(typeof(AutonomusDbContext))]
    [Migration("20261122181000_AlertRouting")]
    public partial class AlertRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- NULL: nobody owns the record (every manager sees it); the team's name; '@<user id>' for an owner without a
                -- team (that owner and Admins see it); '@admins' when the record is gone.
                CREATE OR REPLACE FUNCTION record_owner_team(p_tenant uuid, p_type text, p_id uuid) RETURNS text
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

                CREATE FUNCTION alert_notify(p_alert jsonb) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF octet_length(p_alert::text) > 7900 THEN
                        p_alert := p_alert - 'items' - 'reason';
                    END IF;
                    PERFORM pg_notify('autonomus_alerts', p_alert::text);
                END $$;

                CREATE OR REPLACE FUNCTION alert_suggestions_created() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE OR REPLACE FUNCTION alert_suggestions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE OR REPLACE FUNCTION alert_kill_switch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM alert_notify(jsonb_build_object(
                        'kind', 'kill_switch', 'tenant', NEW.tenant_id, 'engaged', NEW.kill_switch_engaged,
                        'reason', left(NEW.kill_switch_reason, 200),
                        'by', (SELECT left(display_name, 80) FROM users WHERE id = NEW.kill_switch_by), 'at', clock_timestamp()));
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo safely: the functions above replace the Alerts migration's with narrower routing and a size
            // guard, and dropping alert_notify would break them; the Alerts migration's Down removes them all.
        }
    }
}
