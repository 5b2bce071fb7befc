namespace Autonomus.Data.Database;

/// <summary>
/// The ledger's database side for privacy erasure: <c>ledger_append</c> in the form that hashes the data's digest
/// (version 3; version 2 hashed the data), <c>ledger_redact</c>, the only update the ledger admits (personal values
/// replaced in version-3 entries, nothing else), and <c>erase_change_events</c> for the same values in change events and
/// snapshots (SECURITY DEFINER with a fixed search path, for the current tenant only), and <c>erase_values</c>, the
/// replacement they share.
/// </summary>
public static class LedgerErasureSql
{
    private const string CurrentTenant = RowLevelSecurity.CurrentTenant;

    /// <summary>ledger_append hashing version <paramref name="version"/> (2: the data; 3: its digest, kept in data_digest).</summary>
    public static string AppendFunction(int version) => $$"""
        CREATE OR REPLACE FUNCTION ledger_append(p_tenant uuid, p_entries jsonb) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        DECLARE
            v_sequence bigint;
            v_previous bytea;
            v_hash bytea;
            v_digest bytea;
            v_at timestamptz;
            e jsonb;
        BEGIN
            IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM {{CurrentTenant}} THEN
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
                v_digest := {{(version >= 3 ? "sha256(convert_to(e->>'data', 'UTF8'))" : "NULL")}};
                v_hash := sha256(v_previous || convert_to('v{{version}}|'
                    || ledger_field(p_tenant::text) || ledger_field(v_sequence::text) || ledger_field(e->>'kind')
                    || ledger_field(e->>'actor_type') || ledger_field(e->>'actor_id') || ledger_field(e->>'actor_name')
                    || ledger_field(e->>'subject_type') || ledger_field(e->>'subject_id') || ledger_field(e->>'correlation_id')
                    || ledger_field(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                    || ledger_field({{(version >= 3 ? "'sha256:' || encode(v_digest, 'hex')" : "e->>'data'")}}), 'UTF8'));
                INSERT INTO ledger_entries (tenant_id, sequence, kind, actor_type, actor_id, actor_name, subject_type, subject_id,
                                            correlation_id, data, at, previous_hash, hash, hash_version, nonce, mac, key_id{{(version >= 3 ? ", data_digest" : "")}})
                VALUES (p_tenant, v_sequence, e->>'kind', e->>'actor_type', (e->>'actor_id')::uuid, e->>'actor_name', e->>'subject_type',
                        (e->>'subject_id')::uuid, (e->>'correlation_id')::uuid, e->>'data', v_at, v_previous, v_hash, {{version}},
                        e->>'nonce', decode(e->>'mac', 'hex'), e->>'key_id'{{(version >= 3 ? ", v_digest" : "")}});
                v_previous := v_hash;
            END LOOP;
            RETURN v_sequence;
        END $f$;
        REVOKE ALL ON FUNCTION ledger_append(uuid, jsonb) FROM PUBLIC;
        """;

    public static string ErasureFunctions => $$"""
        -- A text with each value (as it is written inside JSON) replaced by [erased] where it stands as a whole word (never
        -- inside another word: erasing "Ana" leaves "Analysis"). Values under three characters are left: they would erase
        -- unrelated words.
        CREATE FUNCTION erase_values(p_text text, p_values text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
        DECLARE v text; j text;
        BEGIN
            IF p_text IS NULL THEN RETURN NULL; END IF;
            FOREACH v IN ARRAY p_values LOOP
                CONTINUE WHEN v IS NULL OR length(v) < 3;
                j := to_jsonb(v)::text;
                j := substr(j, 2, length(j) - 2);
                p_text := regexp_replace(p_text,
                    '(?<![[:alnum:]_])' || regexp_replace(j, '([.^$*+?()\[\]{}|\\])', '\\\1', 'g') || '(?![[:alnum:]_])', '[erased]', 'g');
            END LOOP;
            RETURN p_text;
        END $f$;

        -- Only the entries about the erased record (their subjects: the record, its suggestions, triggers and activities;
        -- or their correlation ids), never the rest of the organisation's ledger.
        CREATE FUNCTION ledger_redact(p_tenant uuid, p_subjects uuid[], p_correlations uuid[], p_values text[]) RETURNS bigint[]
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        DECLARE v_done bigint[];
        BEGIN
            IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM {{CurrentTenant}} THEN
                RAISE EXCEPTION 'ledger_redact: the current tenant''s entries only' USING ERRCODE = 'insufficient_privilege';
            END IF;
            WITH changed AS (
                UPDATE ledger_entries SET data = erase_values(data, p_values), redacted_at = now()
                WHERE tenant_id = p_tenant AND hash_version >= 3 AND (subject_id = ANY(p_subjects) OR correlation_id = ANY(p_correlations))
                  AND erase_values(data, p_values) <> data
                RETURNING sequence)
            SELECT coalesce(array_agg(sequence ORDER BY sequence), '{}') INTO v_done FROM changed;
            RETURN v_done;
        END $f$;
        REVOKE ALL ON FUNCTION ledger_redact(uuid, uuid[], uuid[], text[]) FROM PUBLIC;

        CREATE FUNCTION erase_change_events(p_tenant uuid, p_records uuid[], p_values text[]) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        DECLARE v_events integer; v_snapshots integer;
        BEGIN
            IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM {{CurrentTenant}} THEN
                RAISE EXCEPTION 'erase_change_events: the current tenant''s events only' USING ERRCODE = 'insufficient_privilege';
            END IF;
            UPDATE change_events SET changes = erase_values(changes::text, p_values)::jsonb
            WHERE tenant_id = p_tenant AND record_id = ANY(p_records) AND erase_values(changes::text, p_values) <> changes::text;
            GET DIAGNOSTICS v_events = ROW_COUNT;
            UPDATE change_snapshots SET state = erase_values(state::text, p_values)::jsonb
            WHERE tenant_id = p_tenant AND record_id = ANY(p_records) AND erase_values(state::text, p_values) <> state::text;
            GET DIAGNOSTICS v_snapshots = ROW_COUNT;
            RETURN v_events + v_snapshots;
        END $f$;
        REVOKE ALL ON FUNCTION erase_change_events(uuid, uuid[], text[]) FROM PUBLIC;

        -- The ledger stays append-only, but for one update: a redaction of a version-3 entry's data (nothing else changes).
        CREATE FUNCTION ledger_entries_refuse_change_but_redaction() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.hash_version >= 3 AND NEW.redacted_at IS NOT NULL
               AND (to_jsonb(NEW) - 'data' - 'redacted_at') = (to_jsonb(OLD) - 'data' - 'redacted_at') THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION 'The ledger is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $f$;
        DROP TRIGGER ledger_entries_append_only ON ledger_entries;
        CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
            FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change_but_redaction();
        """;

    public const string DropErasureFunctions = """
        DROP TRIGGER ledger_entries_append_only ON ledger_entries;
        CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
            FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change();
        DROP FUNCTION IF EXISTS ledger_entries_refuse_change_but_redaction();
        DROP FUNCTION IF EXISTS erase_change_events(uuid, uuid[], text[]);
        DROP FUNCTION IF EXISTS ledger_redact(uuid, uuid[], uuid[], text[]);
        DROP FUNCTION IF EXISTS erase_values(text, text[]);
        """;
}
