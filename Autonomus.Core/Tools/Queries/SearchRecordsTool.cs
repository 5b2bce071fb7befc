using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Tools.Queries;

public sealed class SearchRecordsTool : QueryTool<SearchArguments>
{
    public override string Name => "search_records";
    public override string Description => "Finds leads, deals, contacts or accounts of this organisation whose name or company contains the words given.";

    protected override async Task<object> RunAsync(ToolContext c, SearchArguments a, CancellationToken ct)
    {
        var pattern = Like.Contains(a.Query.Trim());
        return a.RecordType switch
        {
            RecordType.Lead => await c.Access.Visible(c.Db, c.Db.Leads.AsNoTracking())
                .Where(l => EF.Functions.Like((l.FirstName + " " + l.LastName + " " + (l.Company ?? "")).ToLower(), pattern))
                .OrderBy(l => l.LastName).Take(a.Limit).Select(l => new { id = l.Id, label = l.FirstName + " " + l.LastName, detail = l.Company }).ToListAsync(ct),
            RecordType.Deal => await c.Access.Visible(c.Db, c.Db.Deals.AsNoTracking())
                .Where(d => EF.Functions.Like((d.Name).ToLower(), pattern))
                .OrderBy(d => d.Name).Take(a.Limit).Select(d => new { id = d.Id, label = d.Name, detail = (string?)d.Stage.ToString() }).ToListAsync(ct),
            RecordType.Account => await c.Access.Visible(c.Db, c.Db.Accounts.AsNoTracking())
                .Where(x => EF.Functions.Like((x.Name).ToLower(), pattern))
                .OrderBy(x => x.Name).Take(a.Limit).Select(x => new { id = x.Id, label = x.Name, detail = x.Industry }).ToListAsync(ct),
            RecordType.Contact => await c.Access.Visible(c.Db, c.Db.Contacts.AsNoTracking())
                .Where(x => EF.Functions.Like((x.FirstName + " " + x.LastName).ToLower(), pattern))
                .OrderBy(x => x.LastName).Take(a.Limit).Select(x => new { id = x.Id, label = x.FirstName + " " + x.LastName, detail = x.Title }).ToListAsync(ct),
            _ => throw InputInvalid.For("recordType", "Search leads, deals, contacts or accounts."),
        };
    }
}
