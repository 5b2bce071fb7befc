using Autonomus.Core.Crm;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Suggestions.Playbooks;
using Autonomus.Core.Tools.Actions;

namespace Autonomus.Core.Agents.DataQuality;

/// <summary>
/// A phone written the Chilean way without its country code is corrected to E.164 (in an organisation working in Chile); anything that cannot be inferred (a
/// broken email, a foreign-looking number, nobody to reach) becomes a task for the record's owner to find the right value.
/// </summary>
public abstract class InvalidDataPlaybook : Playbook
{
    public override ProposedAction? Propose(TriggerFacts f)
    {
        var (field, value, problem) = (Str(f.Context, "field") ?? "", Str(f.Context, "value"), Str(f.Context, "problem") ?? "");
        var kind = TypeOf(f.Record);
        // Only an organisation working in Chile reads a nine-digit local number as Chilean.
        if (problem == "not_e164" && f.Culture == "es-CL" && ContactDetails.ChileanE164(value) is { } e164)
            return Action("correct_field",
                new CorrectFieldPayload { RecordType = kind, RecordId = f.Record.Id, Field = "phone", Value = e164 },
                T(f, "InvalidData.PhoneSummary", f.RecordLabel, e164),
                T(f, "InvalidData.PhoneWhy", value, e164), 0.88m, SuggestionPriority.Low);
        return Action("create_activity",
            new CreateActivityPayload
            {
                RecordType = kind, RecordId = f.Record.Id, Type = ActivityType.Task, DueAt = NextWorkingDay(f.Now, 3),
                Subject = T(f, $"InvalidData.{problem}.Subject", f.RecordLabel),
                Body = T(f, $"InvalidData.{problem}.Body", value ?? "", field),
            },
            T(f, $"InvalidData.{problem}.Subject", f.RecordLabel),
            T(f, $"InvalidData.{problem}.Body", value ?? "", field), 0.7m, SuggestionPriority.Low);
    }
}

public sealed class InvalidContactDataPlaybook : InvalidDataPlaybook
{
    public override string TriggerType => DataQualityAgent.InvalidContactData;
}

public sealed class InvalidLeadDataPlaybook : InvalidDataPlaybook
{
    public override string TriggerType => DataQualityAgent.InvalidLeadData;
}

/// <summary>A RUT whose check digit fails cannot be corrected by guessing (the typo may be in any digit): its owner confirms it.</summary>
public sealed class InvalidAccountDataPlaybook : InvalidDataPlaybook
{
    public override string TriggerType => DataQualityAgent.InvalidAccountData;
}
