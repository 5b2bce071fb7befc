using System.Globalization;
using System.Text;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Ledger;

/// <summary>
/// A signed statement that a tenant's chain reached <see cref="Sequence"/> with head <see cref="HeadHash"/>. Taken after
/// every successful verification; an Admin or Auditor downloads one to keep outside the system. A chain that ends
/// before a checkpoint, or differs from it, was cut or rewritten, however well its hashes link.
/// </summary>
public sealed class LedgerCheckpoint : ITenantOwned
{
    private LedgerCheckpoint() { }

    public LedgerCheckpoint(Guid tenantId, long sequence, byte[] headHash, LedgerKeyRing keys, DateTimeOffset at)
    {
        TenantId = tenantId;
        Sequence = sequence;
        HeadHash = headHash;
        (KeyId, Signature) = keys.SignWithId(SignedBytes(tenantId, sequence, headHash));
        CreatedAt = at;
    }

    public Guid TenantId { get; set; }
    public long Sequence { get; private set; }
    public byte[] HeadHash { get; private set; } = [];
    public string KeyId { get; private set; } = "";
    public byte[] Signature { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsAuthentic(LedgerKeyRing keys) => keys.Verify(KeyId, SignedBytes(TenantId, Sequence, HeadHash), Signature);

    public static byte[] SignedBytes(Guid tenantId, long sequence, byte[] headHash) =>
        Encoding.UTF8.GetBytes($"checkpoint-v1|{tenantId}|{sequence.ToString(CultureInfo.InvariantCulture)}|{Convert.ToHexStringLower(headHash)}");

    /// <summary>The form an auditor keeps: plain values, hex-encoded.</summary>
    public SignedCheckpoint ToSigned() => new(TenantId, Sequence, Convert.ToHexStringLower(HeadHash), KeyId, Convert.ToHexStringLower(Signature), CreatedAt);

    public static LedgerCheckpoint? FromSigned(SignedCheckpoint s)
    {
        try
        {
            return new LedgerCheckpoint
            {
                TenantId = s.TenantId, Sequence = s.Sequence, HeadHash = Convert.FromHexString(s.HeadHash), KeyId = s.KeyId,
                Signature = Convert.FromHexString(s.Signature), CreatedAt = s.CreatedAt,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A checkpoint as downloaded: tenant, sequence, head hash, key id and signature (hex).</summary>
public sealed record SignedCheckpoint(Guid TenantId, long Sequence, string HeadHash, string KeyId, string Signature, DateTimeOffset CreatedAt);
