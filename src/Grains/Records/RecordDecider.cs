using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>The record grain's decisions: plain functions of (state, command, now) returning events.</summary>
public static class RecordDecider
{
    /// <summary>
    /// R-ID-1, R-ID-5: decided against what the index holds for the identity. The storage's unique
    /// key on the identity re-checks this at commit, so two concurrent enrollments cannot both win.
    /// </summary>
    public static EnrollmentDecision DecideEnrollment(EnrollResident command, RecordState? existing)
    {
        if (existing is null)
            return new EnrollmentDecision.Enroll((number, now) => new ResidentEnrolled(
                now, number.Value, command.Identity.Value, command.InstitutionCode, command.DistrictCode,
                command.EnrolledBy, command.RequestId, command.Profile));
        if (command.RequestId.Length > 0 && existing.EnrollRequestId == command.RequestId)
            return new EnrollmentDecision.Known(new EnrollmentOutcome.Replayed(existing));
        return new EnrollmentDecision.Known(new EnrollmentOutcome.AlreadyEnrolled(existing));
    }

    public static IReadOnlyList<RecordEvent> Decide(RecordState state, UpdateContactDetails command, DateTimeOffset now)
    {
        if (state.HasApplied(command.RequestId))
            return [];
        // R-ST-1: archived records take no updates.
        if (state.Status.IsArchived())
            throw new DomainRuleViolation("R-ST-1", state.Number.Value,
                $"Record {state.Number} is archived ({state.Status}); archived records take no updates.");
        // R-ID-6: contact fields are kept up to date by the owning clinic (CQ-A1 3(3)).
        if (command.InstitutionCode != state.OwnerInstitution)
            throw new DomainRuleViolation("R-ID-6", state.Number.Value,
                $"Only the owning clinic {state.OwnerInstitution} updates the contact details of record {state.Number}.");
        if (command.Phone is null && command.CurrentAddress is null && command.Employer is null)
            return [];
        return [new ContactDetailsUpdated(now, command.InstitutionCode, command.UpdatedBy, command.RequestId,
            command.Phone, command.CurrentAddress, command.Employer)];
    }
}

/// <summary>What enrollment decided before storage allocates a record number.</summary>
public abstract record EnrollmentDecision
{
    /// <summary>Not enrolled: storage allocates the number and stamps the time, then commits the event.</summary>
    public sealed record Enroll(Func<RecordNumber, DateTimeOffset, ResidentEnrolled> EventFor) : EnrollmentDecision;

    public sealed record Known(EnrollmentOutcome Outcome) : EnrollmentDecision;
}
