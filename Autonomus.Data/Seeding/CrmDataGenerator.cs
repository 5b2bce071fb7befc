using Autonomus.Core.Crm;
using Bogus;

namespace Autonomus.Data.Seeding;

public sealed record GeneratedCrm(
    IReadOnlyList<Account> Accounts, IReadOnlyList<Contact> Contacts, IReadOnlyList<Lead> Leads,
    IReadOnlyList<Deal> Deals, IReadOnlyList<Activity> Activities);

/// <summary>
/// Deterministic, realistic CRM data for one tenant over the last 180 days, shaped so that the detectors
/// have real cases: leads untouched for weeks, deals that moved back a stage, accounts gone quiet,
/// overdue tasks and hot deals closing within a week. Same seed and clock, same data.
/// </summary>
public sealed class CrmDataGenerator(DemoTenant tenant, IReadOnlyList<Guid> salesOwners, DateTimeOffset now, int seed)
{
    private const int HistoryDays = 180;
    private readonly Faker _f = new(tenant.Locale) { Random = new Randomizer(seed) };
    private int _converted;
    /// <summary>Deals drawn to close: when, and whether the draw said won. Who wins is settled once activities exist (<see cref="ShapeDealOutcomes"/>).</summary>
    private readonly Dictionary<Deal, (DateTimeOffset At, bool Won)> _closing = [];

    public GeneratedCrm Generate(SeedSizes sizes)
    {
        var accounts = Enumerable.Range(0, sizes.Accounts).Select(_ => NewAccount()).ToList();
        var contacts = Enumerable.Range(0, sizes.Contacts).Select(_ => NewContact(_f.PickRandom(accounts))).ToList();
        var leads = Enumerable.Range(0, sizes.Leads).Select(_ => NewLead()).ToList();
        var deals = Enumerable.Range(0, sizes.Deals).Select(i => NewDeal(_f.PickRandom(accounts), hot: i % 25 == 0)).ToList();
        var activities = NewActivities(sizes.Activities, accounts, contacts, leads, deals);
        PlantDataQualityFlaws(contacts, leads);
        if (tenant.Country == "Chile") GiveRuts(accounts);
        PlantPersonalData(activities);
        ShapeLeadOutcomes(leads, activities);
        ShapeDealOutcomes(deals, activities);
        return new GeneratedCrm(accounts, contacts, leads, deals, activities);
    }

    /// <summary>
    /// The flaws real CRM data has, at fixed positions (no draw from the random sequence, so the rest of the data is as
    /// before): a contact entered twice under another account with the email in capitals, a lead entered twice, phones
    /// written locally without the country code, an email without its domain's ending. The Data Quality Guardian finds them.
    /// </summary>
    /// <summary>
    /// Synthetic structure for Lead Intelligence's model to learn (documented as synthetic): among the closed leads, those
    /// that converted are the ones with the best source, the most activity and a first touch within two days, plus noise;
    /// the hand score is a rep's guess that knows the source and little else. Nothing here draws from the random sequence.
    /// </summary>
    private void ShapeLeadOutcomes(List<Lead> leads, List<Activity> activities)
    {
        var touches = activities.Where(a => a.RelatedType == RecordType.Lead).GroupBy(a => a.RelatedId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), First: g.Min(a => a.CreatedAt)));
        double Latent(Lead l)
        {
            var t = touches.GetValueOrDefault(l.Id);
            var fast = t.Count > 0 && t.First - l.CreatedAt < TimeSpan.FromDays(2) ? 1.0 : 0.0;
            return SourceWeight(l.Source) + 0.35 * Math.Min(t.Count, 8) + fast + 2.2 * Noise(l.Id, 1);
        }
        foreach (var lead in leads.Where(l => l.Status == LeadStatus.Unqualified).OrderByDescending(Latent).Take(_converted))
            lead.ChangeStatus(LeadStatus.Converted, lead.StatusChangedAt);
        foreach (var l in leads)
            l.UpdateDetails(l.FirstName, l.LastName, l.Company, l.Email, l.Phone, l.Source,
                (int)Math.Clamp(Math.Round(50 + 15 * SourceWeight(l.Source) + 110 * Noise(l.Id, 2)), 0, 100));
    }

    /// <summary>
    /// Synthetic structure for Deal Strategy's win probability (documented as synthetic): of the deals drawn to close, as many
    /// as were drawn won are won, and they are the ones that reached a later stage, were worked more, never moved back, did
    /// not sit long in their last stage and were not oversized for their account, plus noise. The stage's probability — what
    /// a forecast by stage knows — is the baseline. Nothing here draws from the random sequence.
    /// </summary>
    private void ShapeDealOutcomes(List<Deal> deals, List<Activity> activities)
    {
        var worked = activities.Where(a => a.RelatedType == RecordType.Deal).GroupBy(a => a.RelatedId).ToDictionary(g => g.Key, g => g.Count());
        var accountAverage = deals.GroupBy(d => d.AccountId).ToDictionary(g => g.Key, g => (Sum: g.Sum(d => d.Amount), Count: g.Count()));
        double Latent(Deal d)
        {
            var close = _closing[d].At;
            var (sum, count) = accountAverage[d.AccountId];
            var ratio = count > 1 ? (double)(d.Amount / ((sum - d.Amount) / (count - 1))) : 1.0;
            return StageWeight(d.Stage) + 0.3 * Math.Min(worked.GetValueOrDefault(d.Id), 10) - 1.3 * d.StageHistory.Count(h => h.IsRegression)
                - 0.6 * Math.Min((close - d.StageChangedAt).TotalDays / 30, 3) - 0.8 * Math.Max(0, Math.Log(ratio)) + 2.0 * Noise(d.Id, 6);
        }
        var won = _closing.Count(c => c.Value.Won);
        var ranked = _closing.Keys.OrderByDescending(Latent).ToList();
        for (var i = 0; i < ranked.Count; i++)
            ranked[i].MoveToStage(i < won ? DealStage.ClosedWon : DealStage.ClosedLost, _closing[ranked[i]].At, ranked[i].OwnerId);
    }

    private static double StageWeight(DealStage stage) => stage switch
    {
        DealStage.Negotiation => 0.8, DealStage.Proposal => 0.2, DealStage.Qualification => -0.7, _ => -1.5,
    };

    /// <summary>The stage a deal drawn to close reached before it closed, from its id (no draw): a tenth never left prospecting.</summary>
    private static DealStage LastOpenStage(Guid id) => (Noise(id, 3) + 0.5) switch
    {
        < 0.10 => DealStage.Prospecting, < 0.28 => DealStage.Qualification, < 0.55 => DealStage.Proposal, _ => DealStage.Negotiation,
    };

    private static double SourceWeight(LeadSource source) => source switch
    {
        LeadSource.Referral => 1.2, LeadSource.Partner => 0.8, LeadSource.Event => 0.3, LeadSource.Website => 0.1, LeadSource.Outbound => -0.6, _ => -0.9,
    };

    /// <summary>A fixed number in [-0.5, 0.5) from the id: noise that is the same on every run.</summary>
    private static double Noise(Guid id, int salt) =>
        (BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData([.. id.ToByteArray(), (byte)salt]), 0) / (double)uint.MaxValue) - 0.5;

    /// <summary>A few recent call notes where someone wrote down a customer's RUT: what Compliance &amp; Security is there to find.</summary>
    private void PlantPersonalData(List<Activity> activities)
    {
        foreach (var a in activities.Where(a => a.Type == ActivityType.Call && a.CreatedAt > now.AddDays(-20)).Take(3))
            a.UpdateDetails(a.Subject, $"{a.Body} RUT del cliente para la factura: 12.345.678-5.".Trim(), a.DueAt);
    }

    private static void PlantDataQualityFlaws(List<Contact> contacts, List<Lead> leads)
    {
        for (var i = 1; i < contacts.Count; i++)
        {
            var c = contacts[i];
            if (i % 60 == 59)
                c.UpdateDetails(c.AccountId, c.FirstName, contacts[i - 1].LastName, contacts[i - 1].Email?.ToUpperInvariant(), c.Phone, c.Title);
            else if (i % 45 == 22 && c.Phone is { Length: > 4 } phone)
                c.UpdateDetails(c.AccountId, c.FirstName, c.LastName, c.Email, "9 " + phone[^9..], c.Title);
            else if (i % 90 == 45 && c.Email is { } email)
                c.UpdateDetails(c.AccountId, c.FirstName, c.LastName, email.Replace(".example", "", StringComparison.Ordinal), c.Phone, c.Title);
        }
        for (var i = 1; i < leads.Count; i++)
        {
            var (l, before) = (leads[i], leads[i - 1]);
            if (i % 70 == 35)
                l.UpdateDetails(before.FirstName, before.LastName, before.Company, before.Email?.ToUpperInvariant(), l.Phone, l.Source, l.Score);
        }
    }

    /// <summary>
    /// Chilean companies have a RUT (76… and 77… are companies'), derived from the account's id (no draw from the random
    /// sequence); one in 80 was typed with the wrong check digit, for the Data Quality Guardian to find.
    /// </summary>
    private static void GiveRuts(List<Account> accounts)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            var body = (76_000_000 + BitConverter.ToUInt32(accounts[i].Id.ToByteArray(), 0) % 2_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = Rut.CheckDigit(body);
            if (i % 80 == 40) check = check == '9' ? 'K' : check == 'K' ? '0' : (char)(check + 1);
            accounts[i].SetRut($"{body}-{check}");
        }
    }

    /// <summary>Leads only, streamed: for the million-row benchmark tenant.</summary>
    public IEnumerable<Lead> StreamLeads(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var lead = NewLead();
            // Without activities, a lead's last touch is its own history: keep it plausible.
            if (lead.Status != LeadStatus.New) lead.TouchActivity(Between(lead.CreatedAt, now));
            yield return lead;
        }
    }

    /// <summary>An international number of the organisation's country ("+56 4 1234 5678"), drawing as many digits as it always did.</summary>
    private string Phone() => (tenant.Country == "Chile" ? "+56" : "+1") + _f.Phone.PhoneNumber("+## # #### ####")[3..];

    private Account NewAccount()
    {
        var created = DaysAgo(HistoryDays, 60);
        var account = new Account(_f.Company.CompanyName(), Owner()) { Id = _f.Random.Guid() };
        account.UpdateDetails(account.Name, _f.PickRandom(Industries), $"https://www.{Slug(account.Name)}.example",
            Phone(), tenant.Cities[_f.Random.Int(0, tenant.Cities.Count - 1)], tenant.Country);
        return Stamp(account, created);
    }

    private Contact NewContact(Account account)
    {
        var first = _f.Name.FirstName();
        var last = _f.Name.LastName();
        var contact = new Contact(account.Id, first, last, account.OwnerId) { Id = _f.Random.Guid() };
        contact.UpdateDetails(account.Id, first, last, Email(first, last, Slug(account.Name)), Phone(), _f.Name.JobTitle());
        return Stamp(contact, Between(account.CreatedAt, now.AddDays(-30)));
    }

    private Lead NewLead()
    {
        var created = DaysAgo(HistoryDays, 0);
        var first = _f.Name.FirstName();
        var last = _f.Name.LastName();
        var company = _f.Company.CompanyName();
        var lead = new Lead(first, last, company, _f.PickRandom<LeadSource>(), Owner(), created) { Id = _f.Random.Guid() };
        lead.UpdateDetails(first, last, company, Email(first, last, Slug(company)), Phone(), lead.Source, _f.Random.Int(0, 100));
        var status = _f.Random.WeightedRandom(
            [LeadStatus.New, LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Unqualified, LeadStatus.Converted],
            [0.25f, 0.30f, 0.20f, 0.15f, 0.10f]);
        // A lead that ends Converted is recorded Unqualified for now: which closed leads converted is decided once their
        // activities exist (ShapeLeadOutcomes), so that outcomes follow the features a model can learn from.
        if (status == LeadStatus.Converted) (status, _converted) = (LeadStatus.Unqualified, _converted + 1);
        if (status != LeadStatus.New) lead.ChangeStatus(status, Between(created, now));
        return Stamp(lead, created);
    }

    private Deal NewDeal(Account account, bool hot)
    {
        var created = Between(account.CreatedAt, now.AddDays(-7));
        var step = tenant.Currency == "CLP" ? 10_000m : 100m; // round figures, as people quote them
        var amount = Math.Round(_f.Random.Decimal(tenant.MinDeal, tenant.MaxDeal) / step) * step;
        var close = DateOnly.FromDateTime(now.AddDays(_f.Random.Int(-10, 90)).UtcDateTime);
        var owner = account.OwnerId ?? Owner();
        var deal = new Deal(tenant.Id, account.Id, $"{account.Name} – {_f.PickRandom(DealTopics)}", amount, tenant.Currency, close, owner, created,
            id: _f.Random.Guid());
        var target = hot
            ? DealStage.Negotiation
            : _f.Random.WeightedRandom(Enum.GetValues<DealStage>(), [0.20f, 0.20f, 0.18f, 0.12f, 0.18f, 0.12f]);

        // Walk the pipeline forward; about one open deal in eight slips back a stage on the way. A deal drawn to close stops
        // at the stage it reached (the draws for the stages after it still happen, so the rest of the data stays the same).
        var at = created;
        var regress = !hot && target is > DealStage.Prospecting and < DealStage.Negotiation && _f.Random.Bool(0.2f);
        var reached = target.IsClosed() ? LastOpenStage(deal.Id) : target;
        foreach (var stage in Enum.GetValues<DealStage>().Where(s => s > DealStage.Prospecting && s <= (target.IsClosed() ? DealStage.Negotiation : target)))
        {
            var moved = Between(at, at + (now - at) / 3);
            if (stage <= reached) deal.MoveToStage(stage, at = moved, owner);
        }
        if (regress)
        {
            deal.MoveToStage(target + 1, at = Between(at, at + (now - at) / 2), owner);
            deal.MoveToStage(target, Between(at, now), owner);
        }
        if (target.IsClosed())
        {
            var closeAt = Between(at, now);
            // One closing deal in five that got past qualification slipped back a stage and recovered on the way (no draw).
            if (reached > DealStage.Qualification && Noise(deal.Id, 5) < -0.3)
            {
                deal.MoveToStage(reached - 1, at + (closeAt - at) * 0.3, owner);
                deal.MoveToStage(reached, at + (closeAt - at) * 0.6, owner);
            }
            _closing[deal] = (closeAt, target == DealStage.ClosedWon);
        }

        if (hot)
        {
            deal.UpdateDetails(account.Id, deal.Name, amount, tenant.Currency, _f.Random.Int(70, 90),
                DateOnly.FromDateTime(now.AddDays(_f.Random.Int(1, 7)).UtcDateTime));
        }
        return Stamp(deal, created);
    }

    private List<Activity> NewActivities(int count, List<Account> accounts, List<Contact> contacts, List<Lead> leads, List<Deal> deals)
    {
        // Each record gets a window in which it was touched. Some leads and accounts stop weeks ago:
        // those are the stagnant leads and the accounts going quiet.
        var targets = new List<(RecordType Type, CrmRecord Record, DateTimeOffset From, DateTimeOffset To, float Weight)>();
        foreach (var l in leads)
        {
            var quiet = l.Status is LeadStatus.New or LeadStatus.Contacted && _f.Random.Bool(0.3f);
            targets.Add((RecordType.Lead, l, l.CreatedAt, quiet ? Min(now.AddDays(-_f.Random.Int(10, 45)), now) : now, 0.45f / leads.Count));
        }
        foreach (var d in deals)
            targets.Add((RecordType.Deal, d, d.CreatedAt, ClosingAt(d) ?? (_f.Random.Bool(0.2f) ? now.AddDays(-_f.Random.Int(15, 40)) : now), 0.30f / deals.Count));
        foreach (var c in contacts) targets.Add((RecordType.Contact, c, c.CreatedAt, _f.Random.Bool(0.25f) ? now.AddDays(-_f.Random.Int(31, 90)) : now, 0.15f / contacts.Count));
        foreach (var a in accounts) targets.Add((RecordType.Account, a, a.CreatedAt, _f.Random.Bool(0.12f) ? now.AddDays(-_f.Random.Int(45, 90)) : now, 0.10f / accounts.Count));
        var weights = targets.Select(t => t.Weight).ToArray();

        var activities = new List<Activity>(count);
        for (var i = 0; i < count; i++)
        {
            var t = _f.Random.WeightedRandom(targets.ToArray(), weights);
            if (t.To <= t.From) t = t with { To = t.From.AddHours(1) };
            var at = Between(t.From, t.To);
            var type = _f.Random.WeightedRandom(Enum.GetValues<ActivityType>(), [0.30f, 0.30f, 0.12f, 0.18f, 0.10f]);
            var owner = t.Record.OwnerId;
            Activity activity;
            if (type == ActivityType.Task)
            {
                // Tasks: most done, some still open, a share of those overdue.
                var due = at.AddDays(_f.Random.Int(1, 10));
                var done = due < now && _f.Random.Bool(0.8f);
                activity = new Activity(type, _f.PickRandom(TaskSubjects), null, t.Type, t.Record.Id, owner, due, done ? Min(due, now) : null) { Id = _f.Random.Guid() };
            }
            else
            {
                activity = new Activity(type, Subject(type), _f.Lorem.Sentences(_f.Random.Int(1, 3)), t.Type, t.Record.Id, owner, null, at) { Id = _f.Random.Guid() };
            }
            activities.Add(Stamp(activity, at));
            if (activity.CompletedAt is { } completed) ((ITouchable)t.Record).TouchActivity(completed);
        }
        return activities;
    }

    private string Subject(ActivityType type) => type switch
    {
        ActivityType.Call => _f.PickRandom("Discovery call", "Follow-up call", "Pricing call", "Check-in call", "Demo recap call"),
        ActivityType.Email => _f.PickRandom("Sent proposal", "Sent case study", "Follow-up email", "Intro email", "Quote sent"),
        ActivityType.Meeting => _f.PickRandom("Onsite meeting", "Product demo", "Quarterly review", "Kick-off meeting"),
        _ => _f.PickRandom("Internal note", "Budget confirmed", "Decision maker identified", "Competitor mentioned"),
    };

    private static readonly string[] TaskSubjects = ["Send contract draft", "Prepare quote", "Schedule demo", "Call back", "Update forecast", "Confirm budget"];
    private static readonly string[] Industries = ["Retail", "Manufacturing", "Mining", "Agriculture", "Logistics", "Software", "Healthcare", "Construction", "Energy", "Food & Beverage"];
    private static readonly string[] DealTopics = ["Annual licence", "Expansion", "Pilot", "Renewal", "Onboarding package", "Support plan", "Hardware refresh"];

    private T Stamp<T>(T record, DateTimeOffset created) where T : CrmRecord
    {
        record.TenantId = tenant.Id;
        record.CreatedAt = created;
        record.UpdatedAt = created;
        record.Version = 1;
        return record;
    }

    private DateTimeOffset? ClosingAt(Deal d) => _closing.TryGetValue(d, out var c) ? c.At : d.ClosedAt;
    private Guid? Owner() => salesOwners[_f.Random.Int(0, salesOwners.Count - 1)];
    private DateTimeOffset DaysAgo(int max, int min) => now.AddMinutes(-_f.Random.Int(min * 1440, max * 1440));
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : from.AddSeconds(_f.Random.Double() * (to - from).TotalSeconds);
    private static T Min<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) <= 0 ? a : b;
    private string Email(string first, string last, string domain) =>
        $"{Slug(first)}.{Slug(last)}{_f.Random.Int(1, 99)}@{domain}.example".ToLowerInvariant();
    private static string Slug(string s) =>
        new string(s.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant() is { Length: > 0 } slug
            ? slug[..Math.Min(slug.Length, 30)]
            : "company";
}
