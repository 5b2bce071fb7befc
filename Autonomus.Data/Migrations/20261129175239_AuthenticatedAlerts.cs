using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// Alerts the listener can authenticate. alert_notify (the only way the app and its triggers announce an alert) now
    /// runs as the owner, signs the payload with a key in alert_secret (readable by the owner only; DatabaseMigrator
    /// installs it from the app's key ring) and, inside a tenant's transaction, announces for that tenant only. Only the
    /// runtime role and the owner may execute it. A pg_notify sent directly, by any role, carries no valid signature and
    /// is ignored (AlertSignature).
    /// </summary>
    public partial class AuthenticatedAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                CREATE TABLE alert_secret (id int PRIMARY KEY CHECK (id = 1), key bytea NOT NULL);
                REVOKE ALL ON TABLE alert_secret FROM PUBLIC;

                -- Sends an alert; one over NOTIFY's 8000 bytes goes without its items and reason rather than failing the transaction.
                -- Never raises: an alert must not fail the change it announces.
                CREATE OR REPLACE FUNCTION alert_notify(p_alert jsonb) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                DECLARE
                    v_key bytea;
                    v_text text;
                BEGIN
                    -- A consistency guard, not a credential check (the runtime role chooses its tenant setting): a transaction
                    -- of one tenant never announces for another. Maintenance as the owner, with no tenant set, announces as before.
                    IF {{Autonomus.Data.Database.RowLevelSecurity.CurrentTenant}} IS NOT NULL
                       AND (p_alert->>'tenant') IS DISTINCT FROM {{Autonomus.Data.Database.RowLevelSecurity.CurrentTenant}}::text THEN
                        RAISE WARNING 'alert_notify: an alert for another tenant than the transaction''s was not sent';
                        RETURN;
                    END IF;
                    SELECT key INTO v_key FROM alert_secret WHERE id = 1;
                    IF v_key IS NULL THEN
                        RAISE WARNING 'alert_notify: no alert key is installed (run the migrate command)';
                        RETURN;
                    END IF;
                    IF octet_length(p_alert::text) > 7800 THEN
                        p_alert := p_alert - 'items' - 'reason';
                    END IF;
                    v_text := p_alert::text;
                    PERFORM pg_notify('autonomus_alerts', encode(hmac(convert_to(v_text, 'UTF8'), v_key, 'sha256'), 'hex') || '.' || v_text);
                END $f$;
                REVOKE ALL ON FUNCTION alert_notify(jsonb) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION alert_notify(p_alert jsonb) RETURNS void LANGUAGE plpgsql SECURITY INVOKER AS $f$
                BEGIN
                    IF octet_length(p_alert::text) > 7900 THEN
                        p_alert := p_alert - 'items' - 'reason';
                    END IF;
                    PERFORM pg_notify('autonomus_alerts', p_alert::text);
                END $f$;
                GRANT EXECUTE ON FUNCTION alert_notify(jsonb) TO PUBLIC;
                DROP TABLE IF EXISTS alert_secret;
                """);
        }
    }
}
