using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Records;

/// <summary>
/// Status changes of a record (R-ST-1..7): decided against its state, the policy and the city's
/// date, returning the events to apply. A repeated request id decides nothing new.
/// </summary>
public static class LifecycleDecider
{
    /// <summary>
    /// R-ST-2: a record is a lost-to-follow-up candidate when its last service (or its enrollment, if
    /// it has none) is older than the policy's period; this is the cut-off date for proposing them.
    /// </summary>
    public static DateOnly LostToFollowUpCutoff(PolicyProfile policy, DateOnly today) => today.AddYears(-policy.LostToFollowUpAfterYears);

    public static IReadOnlyList<RecordEvent> Decide(RecordState s, MarkLostToFollowUp c, DateOnly? lastServiceDate, PolicyProfile policy, DateTimeOffset now)
    {
        if (s.HasApplied(c.RequestId))
            return [];
        RequireActive(s);
        RequireOwner(s, c.InstitutionCode, "R-ST-2");
        Require(("confirmed_by", c.ConfirmedBy), ("reason", c.Reason));
        var lastSeen = Later(lastServiceDate, CityTime.DateOf(s.EnrolledAt));
        var cutoff = LostToFollowUpCutoff(policy, CityTime.DateOf(now));
        if (lastSeen >= cutoff)
            throw new DomainRuleViolation("R-ST-2", s.Number.Value,
                $"Record {s.Number} was last seen on {lastSeen:yyyy-MM-dd}; it becomes a lost-to-follow-up candidate only after {policy.LostToFollowUpAfterYears} year(s) without service.");
        return [new MarkedLostToFollowUp(now, c.InstitutionCode, c.ConfirmedBy.Trim(), c.RequestId, c.Reason.Trim(), lastServiceDate)];
    }

    public static IReadOnlyList<RecordEvent> Decide(RecordState s, RecordDeath c, PolicyProfile policy, DateTimeOffset now)
    {
        if (s.HasApplied(c.RequestId))
            return [];
        // R-ST-3: a deceased record takes no second death, and nothing else either (R-ST-1).
        if (s.Status is RecordStatus.Deceased or RecordStatus.Merged)
            throw new DomainRuleViolation(s.Status == RecordStatus.Deceased ? "R-ST-3" : "R-ST-1", s.Number.Value,
                $"Record {s.Number} is {s.Status}; its death cannot be recorded again.");
        RequireOwner(s, c.InstitutionCode, "R-ST-3");
        Require(("recorded_by", c.RecordedBy), ("cause", c.Cause));
        var today = CityTime.DateOf(now);
        var violations = new List<FieldViolation>();
        if (c.DateOfDeath > today)
            violations.Add(new("date_of_death", $"{c.DateOfDeath:yyyy-MM-dd} is in the future."));
        if (s.Profile.DateOfBirth is { } born && c.DateOfDeath < born)
            violations.Add(new("date_of_death", $"{c.DateOfDeath:yyyy-MM-dd} is before the date of birth {born:yyyy-MM-dd}."));
        if (c.NoticeDate > today || c.NoticeDate < c.DateOfDeath)
            violations.Add(new("notice_date", $"{c.NoticeDate:yyyy-MM-dd} must lie between the date of death and today."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        // R-ST-3: entered within the policy's deadline of the notice; a later entry is still taken, and flagged.
        var late = today.DayNumber - c.NoticeDate.DayNumber > policy.DeathEntryDeadlineDays;
        return [new DeathRecorded(now, c.InstitutionCode, c.RecordedBy.Trim(), c.RequestId, c.DateOfDeath, c.Cause.Trim(), c.NoticeDate, late)];
    }

    public static IReadOnlyList<RecordEvent> Decide(RecordState s, RecordMoveOut c, PolicyProfile policy, DateTimeOffset now)
    {
        if (s.HasApplied(c.RequestId))
            return [];
        if (s.Status is not (RecordStatus.Active or RecordStatus.LostToFollowUp))
            throw new DomainRuleViolation("R-ST-1", s.Number.Value, $"Record {s.Number} is {s.Status}; it cannot be marked moved out.");
        RequireOwner(s, c.InstitutionCode, "R-ST-4");
        Require(("recorded_by", c.RecordedBy), ("destination", c.Destination), ("handover", c.Handover));
        var today = CityTime.DateOf(now);
        if (c.LeftOn > today)
            throw new DomainValidationException("left_on", $"{c.LeftOn:yyyy-MM-dd} is in the future.");
        // R-ST-4: moved out means away from the city for more than the policy's period.
        if (c.LeftOn >= today.AddYears(-policy.MovedOutAfterYears))
            throw new DomainRuleViolation("R-ST-4", s.Number.Value,
                $"The resident left on {c.LeftOn:yyyy-MM-dd}; a record is moved out only after more than {policy.MovedOutAfterYears} year(s) away.");
        return [new MovedOutOfCity(now, c.InstitutionCode, c.RecordedBy.Trim(), c.RequestId, c.LeftOn, c.Destination.Trim(), c.Handover.Trim())];
    }

    /// <summary>R-ST-5: lost or moved out → active; active stays as it is; deceased never (R-ST-3).</summary>
    public static IReadOnlyList<RecordEvent> Decide(RecordState s, Reactivate c, DateTimeOffset now)
    {
        if (s.HasApplied(c.RequestId) || s.Status == RecordStatus.Active)
            return [];
        if (s.Status is RecordStatus.Deceased or RecordStatus.Merged)
            throw new DomainRuleViolation(s.Status == RecordStatus.Deceased ? "R-ST-3" : "R-ST-1", s.Number.Value,
                $"Record {s.Number} is {s.Status}; it never returns to active.");
        return [new Reactivated(now, c.InstitutionCode, c.Cause, c.RequestId, s.Status)];
    }

    // R-ST-1: every status but active is archived, and archived records take no updates.
    private static void RequireActive(RecordState s)
    {
        if (s.Status.IsArchived())
            throw new DomainRuleViolation("R-ST-1", s.Number.Value,
                $"Record {s.Number} is {s.Status}; archived records take no updates.");
    }

    // R-ST-6: the owning clinic files its records' status changes with the city.
    private static void RequireOwner(RecordState s, string institutionCode, string ruleId)
    {
        if (institutionCode != s.OwnerInstitution)
            throw new DomainRuleViolation(ruleId, s.Number.Value,
                $"Only the owning clinic {s.OwnerInstitution} changes the status of record {s.Number}.");
    }

    private static void Require(params (string Field, string Value)[] fields)
    {
        var missing = fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => new FieldViolation(f.Field, "is required")).ToList();
        if (missing.Count > 0)
            throw new DomainValidationException(missing);
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}
