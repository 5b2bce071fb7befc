using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>
/// Duplicates within one organisation, set-based: records that share a normalised email (lower case, trimmed) or the same
/// national phone number (its last nine digits, whatever the spacing or country prefix) — found by sorting the keys once —,
/// or names similar by trigram (<c>pg_trgm</c>) inside a block that keeps the join small (the same account, the same
/// company; accounts through the trigram index) — never a comparison of every pair. The newer record of a pair is the duplicate; the context names the
/// older one (it stays) with its fields and version, so the merge can be proposed without another read.
/// </summary>
public abstract class DuplicateDetector : SqlTriggerDetector
{
    /// <summary>The table ("contacts").</summary>
    protected abstract string Table { get; }
    /// <summary>The record's name in SQL over alias {0} ("lower({0}.first_name || ' ' || {0}.last_name)").</summary>
    protected abstract string NameOf { get; }
    /// <summary>The equality that blocks the name comparison, over aliases a and b ("b.account_id = a.account_id"), or null for a trigram join.</summary>
    protected abstract string? NameBlock { get; }
    /// <summary>The older record's fields for the context (a jsonb_build_object body over alias b).</summary>
    protected abstract string OtherFields { get; }
    /// <summary>Whether the table has an email column.</summary>
    protected virtual bool HasEmail => true;

    /// <summary>The national number: the last nine digits (a Chilean number without +56; elsewhere, enough to tell numbers apart).</summary>
    public const string NationalPhone = "right(regexp_replace({0}.phone, '[^0-9]', '', 'g'), 9)";

    private string Name(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, NameOf, alias);
    private static string Phone(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, NationalPhone, alias);

    /// <summary>
    /// Each live record's match keys, computed once (the phone's regexp is the costly part): email and phone duplicates are
    /// then found by one sort per key — each record's oldest twin is the first of its key — instead of a probe per row.
    /// </summary>
    private string Keys => $"""
        keys AS MATERIALIZED (
            SELECT id, created_at, {(HasEmail ? "lower(trim(email))" : "NULL::text")} COLLATE "C" AS email_key,
                   {Phone(Table)} COLLATE "C" AS phone_key
            FROM {Table} WHERE tenant_id = @tenant AND archived_at IS NULL)
        """;

    private string Pairs => $"""
        SELECT id AS a_id, oldest AS b_id, 1 AS rank, 'email' AS match, 100 AS similarity
        FROM (SELECT id, first_value(id) OVER (PARTITION BY email_key ORDER BY created_at, id) AS oldest FROM keys WHERE email_key IS NOT NULL) e
        WHERE oldest <> id
        UNION ALL
        SELECT id, oldest, 2, 'phone', 100
        FROM (SELECT id, first_value(id) OVER (PARTITION BY phone_key ORDER BY created_at, id) AS oldest FROM keys WHERE length(phone_key) >= 8) p
        WHERE oldest <> id
        UNION ALL
        SELECT a.id, b.id, 3, 'name', round(similarity({Name("b")}, {Name("a")}) * 100)::int
        FROM {Table} a JOIN {Table} b ON b.tenant_id = a.tenant_id AND {NameBlock ?? $"{Name("b")} % {Name("a")}"}
        WHERE a.tenant_id = @tenant AND b.tenant_id = @tenant AND (b.created_at, b.id) < (a.created_at, a.id)
          AND similarity({Name("b")}, {Name("a")}) >= @similarity
          AND a.archived_at IS NULL AND b.archived_at IS NULL
        """;

    public override string CandidatesSql => $"""
        WITH {Keys}
        SELECT DISTINCT ON (p.a_id) p.a_id AS record_id,
               jsonb_build_object('duplicate_of', b.id, 'match', p.match, 'similarity', p.similarity, 'other', jsonb_build_object({OtherFields}, 'version', b.version)) AS context,
               a.created_at AS sort_key
        FROM ({Pairs}) p
        JOIN {Table} a ON a.id = p.a_id
        JOIN {Table} b ON b.id = p.b_id
        ORDER BY p.a_id, p.rank, p.similarity DESC, b.created_at
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("similarity", s.DuplicateNameSimilarity / 100.0)];
}
