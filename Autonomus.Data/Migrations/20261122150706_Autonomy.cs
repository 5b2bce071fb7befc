using Autonomus.Data.Database;
﻿using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class Autonomy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "leads",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "deals",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "contacts",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "activities",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "accounts",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "autonomy_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kill_switch_engaged = table.Column<bool>(type: "boolean", nullable: false),
                    kill_switch_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    kill_switch_by = table.Column<Guid>(type: "uuid", nullable: true),
                    kill_switch_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lead_stagnant_days = table.Column<int>(type: "integer", nullable: false),
                    deal_decay_days = table.Column<int>(type: "integer", nullable: false),
                    deal_regressed_within_days = table.Column<int>(type: "integer", nullable: false),
                    activity_overdue_days = table.Column<int>(type: "integer", nullable: false),
                    hot_probability = table.Column<int>(type: "integer", nullable: false),
                    hot_within_days = table.Column<int>(type: "integer", nullable: false),
                    contact_inactive_days = table.Column<int>(type: "integer", nullable: false),
                    account_risk_window_days = table.Column<int>(type: "integer", nullable: false),
                    account_risk_lost_within_days = table.Column<int>(type: "integer", nullable: false),
                    retrigger_cooldown_days = table.Column<int>(type: "integer", nullable: false),
                    suggestion_ttl_days = table.Column<int>(type: "integer", nullable: false),
                    max_triggers_per_run = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autonomy_settings", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_autonomy_settings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    previous_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => new { x.tenant_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_ledger_entries_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "triggers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    context = table.Column<string>(type: "jsonb", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_triggers", x => x.id);
                    table.ForeignKey(
                        name: "fk_triggers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agent = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    tool = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    edited_payload = table.Column<string>(type: "jsonb", nullable: true),
                    record_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    record_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_version = table.Column<int>(type: "integer", nullable: false),
                    record_label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    reasoning = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    record_snapshot = table.Column<string>(type: "text", nullable: false),
                    facts = table.Column<string>(type: "jsonb", nullable: false),
                    confidence = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    engine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deferred_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    approved_by = table.Column<Guid>(type: "uuid", nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    apply_result = table.Column<string>(type: "text", nullable: true),
                    conflict = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suggestions", x => x.id);
                    table.CheckConstraint("ck_suggestions_confidence", "confidence BETWEEN 0 AND 1");
                    table.ForeignKey(
                        name: "fk_suggestions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_suggestions_triggers_trigger_id",
                        column: x => x.trigger_id,
                        principalTable: "triggers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_correlation_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_kind_sequence",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "kind", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_tenant_id_subject_id",
                table: "ledger_entries",
                columns: new[] { "tenant_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_queue",
                table: "suggestions",
                columns: new[] { "tenant_id", "status", "priority", "created_at", "id" },
                descending: new[] { false, false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_tenant_id_correlation_id",
                table: "suggestions",
                columns: new[] { "tenant_id", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_tenant_id_record_type_record_id",
                table: "suggestions",
                columns: new[] { "tenant_id", "record_type", "record_id" });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_trigger_id",
                table: "suggestions",
                column: "trigger_id");

            migrationBuilder.CreateIndex(
                name: "ux_suggestions_pending_per_record",
                table: "suggestions",
                columns: new[] { "tenant_id", "trigger_type", "record_type", "record_id" },
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_triggers_tenant_id_detected_at",
                table: "triggers",
                columns: new[] { "tenant_id", "detected_at" },
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_triggers_tenant_id_type_record_id_closed_at",
                table: "triggers",
                columns: new[] { "tenant_id", "type", "record_id", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ux_triggers_open_per_record",
                table: "triggers",
                columns: new[] { "tenant_id", "type", "record_type", "record_id" },
                unique: true,
                filter: "closed_at IS NULL");

            foreach (var table in new[] { "triggers", "suggestions", "ledger_entries", "autonomy_settings" })
                migrationBuilder.EnableTenantIsolation(table);

            // The ledger is append-only: even a role granted UPDATE or DELETE (or the owner) is refused.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The ledger is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
                CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change();
                """);

            // The lead_stagnant scan: open leads by their last touch (or creation), oldest first.
            migrationBuilder.Sql("""
                CREATE INDEX ix_leads_stagnation ON leads (tenant_id, (coalesce(last_activity_at, created_at)))
                    WHERE status IN ('New', 'Contacted', 'Qualified');
                CREATE INDEX ix_contacts_inactivity ON contacts (tenant_id, (coalesce(last_activity_at, created_at)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_leads_stagnation;
                DROP INDEX IF EXISTS ix_contacts_inactivity;
                DROP TRIGGER IF EXISTS ledger_entries_append_only ON ledger_entries;
                DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries;
                DROP FUNCTION IF EXISTS ledger_entries_refuse_change();
                """);
            migrationBuilder.DropTable(
                name: "autonomy_settings");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropTable(
                name: "triggers");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "accounts");
        }
    }
}
