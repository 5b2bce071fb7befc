using Autonomus.Core.Common;

namespace Autonomus.Core.Tools.Queries;

public sealed class GetRecordTool : QueryTool<RecordArguments>
{
    public override string Name => "get_record";
    public override string Description => "Reads one lead, deal, contact, account or activity of this organisation: its fields, owner, tags and version.";

    protected override async Task<object> RunAsync(ToolContext c, RecordArguments a, CancellationToken ct)
    {
        var record = await Crm.RecordLookup.FindAsync(c.Db, a.RecordType, a.RecordId, ct);
        if (record is null || !await c.Access.CanSeeAsync(c.Db, a.RecordType, a.RecordId, ct))
            throw new RecordNotFound(a.RecordType.ToString(), a.RecordId);
        return new
        {
            recordType = a.RecordType.ToString(),
            id = record.Id,
            version = record.Version,
            label = TargetRecords.LabelOf(record),
            fields = RecordSnapshot.Of(record).ToDictionary(f => f.Field, f => f.Value),
        };
    }
}
