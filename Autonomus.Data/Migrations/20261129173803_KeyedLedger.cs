using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyedLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "hash_version",
                table: "ledger_entries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "key_id",
                table: "ledger_entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "mac",
                table: "ledger_entries",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "nonce",
                table: "ledger_entries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    head_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    key_id = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    signature = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => new { x.tenant_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_ledger_checkpoints_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_mac",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "mac" },
                unique: true,
                filter: "mac IS NOT NULL");

            migrationBuilder.EnableTenantIsolation("ledger_checkpoints");
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
                """);

            // The only way the runtime role appends to the ledger (DatabaseMigrator revokes its INSERT and grants EXECUTE on
            // this alone). It runs as the owner, for the current tenant only, takes the tenant's chain lock, and assigns the
            // sequence and the hash itself: the caller chooses neither, so no gap and no chosen link. The canonical form is
            // LedgerHashing's version 2: each field as '{UTF-8 byte length}:{text}', in a fixed order.
            migrationBuilder.Sql($$"""
                CREATE FUNCTION ledger_field(p text) RETURNS text LANGUAGE sql IMMUTABLE AS
                $f$ SELECT octet_length(coalesce(p, ''))::text || ':' || coalesce(p, '') $f$;

                CREATE FUNCTION ledger_append(p_tenant uuid, p_entries jsonb) RETURNS bigint
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                DECLARE
                    v_sequence bigint;
                    v_previous bytea;
                    v_hash bytea;
                    v_at timestamptz;
                    e jsonb;
                BEGIN
                    IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM {{Autonomus.Data.Database.RowLevelSecurity.CurrentTenant}} THEN
                        RAISE EXCEPTION 'ledger_append: entries are appended to the current tenant''s chain only' USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    PERFORM pg_advisory_xact_lock(hashtextextended('ledger:' || p_tenant::text, 0));
                    SELECT l.sequence, l.hash INTO v_sequence, v_previous
                        FROM ledger_entries l WHERE l.tenant_id = p_tenant ORDER BY l.sequence DESC LIMIT 1;
                    IF v_sequence IS NULL THEN
                        v_sequence := 0;
                        v_previous := decode(repeat('00', 32), 'hex');
                    END IF;
                    FOR e IN SELECT value FROM jsonb_array_elements(p_entries) LOOP
                        v_sequence := v_sequence + 1;
                        v_at := (e->>'at')::timestamptz;
                        v_hash := sha256(v_previous || convert_to('v2|'
                            || ledger_field(p_tenant::text) || ledger_field(v_sequence::text) || ledger_field(e->>'kind')
                            || ledger_field(e->>'actor_type') || ledger_field(e->>'actor_id') || ledger_field(e->>'actor_name')
                            || ledger_field(e->>'subject_type') || ledger_field(e->>'subject_id') || ledger_field(e->>'correlation_id')
                            || ledger_field(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) || ledger_field(e->>'data'), 'UTF8'));
                        INSERT INTO ledger_entries (tenant_id, sequence, kind, actor_type, actor_id, actor_name, subject_type, subject_id,
                                                    correlation_id, data, at, previous_hash, hash, hash_version, nonce, mac, key_id)
                        VALUES (p_tenant, v_sequence, e->>'kind', e->>'actor_type', (e->>'actor_id')::uuid, e->>'actor_name', e->>'subject_type',
                                (e->>'subject_id')::uuid, (e->>'correlation_id')::uuid, e->>'data', v_at, v_previous, v_hash, 2,
                                e->>'nonce', decode(e->>'mac', 'hex'), e->>'key_id');
                        v_previous := v_hash;
                    END LOOP;
                    RETURN v_sequence;
                END $f$;
                REVOKE ALL ON FUNCTION ledger_append(uuid, jsonb) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS ledger_append(uuid, jsonb);
                DROP FUNCTION IF EXISTS ledger_field(text);
                DROP TRIGGER IF EXISTS ledger_checkpoints_append_only ON ledger_checkpoints;
                """);
            migrationBuilder.DisableTenantIsolation("ledger_checkpoints");
            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_tenant_id_mac",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "hash_version",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "key_id",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "mac",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "nonce",
                table: "ledger_entries");
        }
    }
}
