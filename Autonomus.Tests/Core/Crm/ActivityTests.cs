using System.ComponentModel.DataAnnotations;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Leads;

namespace Autonomus.Tests.Core.Crm;

public sealed class ActivityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CompletingACompletedActivityIsRefusedAndKeepsTheFirstCompletion()
    {
        var task = new Activity(ActivityType.Task, "Send quote", null, RecordType.Lead, Guid.NewGuid(), null, T0.AddDays(2));
        task.Complete(T0.AddDays(1));
        var e = Assert.Throws<DomainRuleViolation>(() => task.Complete(T0.AddDays(3)));
        Assert.Contains("already completed", e.Message);
        Assert.Equal(T0.AddDays(1), task.CompletedAt);
    }

    [Fact]
    public void AnOpenTaskPastItsDueDateIsOverdue()
    {
        var task = new Activity(ActivityType.Task, "Call back", null, RecordType.Deal, Guid.NewGuid(), null, T0);
        Assert.True(task.IsOverdueAt(T0.AddMinutes(1)));
        Assert.False(task.IsOverdueAt(T0.AddMinutes(-1)));
        task.Complete(T0.AddHours(1));
        Assert.False(task.IsOverdueAt(T0.AddDays(1)));
    }

    [Fact]
    public void ANoteMustBeCompleteWhenWritten() =>
        Assert.Throws<DomainRuleViolation>(() => new Activity(ActivityType.Note, "Budget", null, RecordType.Lead, Guid.NewGuid(), null, null));

    [Fact]
    public void APlannedActivityWithoutADueDateFailsValidationOnTheDueField()
    {
        var input = new ActivityInput { Type = ActivityType.Task, Subject = "Prepare quote", Done = false, RelatedType = RecordType.Lead, RelatedId = Guid.NewGuid() };
        var e = Assert.Throws<InputInvalid>(() => InputInvalid.ThrowIfInvalid(input));
        Assert.Equal(["A planned activity needs a due date."], e.Errors[nameof(ActivityInput.DueAt)]);
    }

    [Fact]
    public void LeadInputValidationReportsEachBadFieldByName()
    {
        var input = new LeadInput { FirstName = "", LastName = "Soto", Email = "not-an-email", Score = 150 };
        var e = Assert.Throws<InputInvalid>(() => InputInvalid.ThrowIfInvalid(input));
        Assert.Equal(["First name is required."], e.Errors["FirstName"]);
        Assert.Equal(["Enter a valid email address."], e.Errors["Email"]);
        Assert.Equal(["Score is between 0 and 100."], e.Errors["Score"]);
        Assert.False(e.Errors.ContainsKey("LastName"));
    }
}
