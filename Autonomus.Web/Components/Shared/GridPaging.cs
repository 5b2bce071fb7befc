using Autonomus.Core.Common;
using Radzen;

namespace Autonomus.Web.Components.Shared;

public static class GridPaging
{
    /// <summary>
    /// The grid's request as a server page: skip, take and the first sort. Columns name their sort key in
    /// SortProperty; the query whitelists keys, so a forged key only falls back to the default order.
    /// </summary>
    public static PageRequest ToPageRequest(this LoadDataArgs args, int defaultTake = 25)
    {
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        return new PageRequest(args.Skip ?? 0, args.Top ?? defaultTake, sort?.Property, sort?.SortOrder == SortOrder.Descending);
    }
}
