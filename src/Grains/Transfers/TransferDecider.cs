using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Transfers;

/// <summary>
/// Transfers of a record between owning clinics (R-TR-1..5), decided on the record's state at the
/// city: the only place an owner changes, whether the move crosses districts or not (R-TR-3).
/// </summary>
public static class TransferDecider
{
    public static IReadOnlyList<RecordEvent> Decide(RecordState s, RequestTransfer c, PolicyProfile policy, IHolidayCalendar holidays, DateTimeOffset now)
    {
        if (s.Lifecycle.PendingTransferId == c.RequestId || s.HasApplied(c.RequestId))
            return []; // a retry of the request that made the pending (or finished) transfer
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(c.RequestId))
            violations.Add(new("request_id", "is required: it identifies the transfer"));
        if (c.Consent is not { } consent || !Enum.IsDefined(consent))
            violations.Add(new("consent_method", "the resident's consent and its method are required (R-TR-1)"));
        if (c.Reason is not { } reason || !Enum.IsDefined(reason))
            violations.Add(new("reason", "one of the seven transfer reasons is required (R-TR-1)"));
        if (c.ToInstitution == s.OwnerInstitution)
            violations.Add(new("to_institution_code", $"{c.ToInstitution} already owns record {s.Number}"));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);

        // R-TR-4: a deceased record never transfers; an archived lost or moved-out one only on the city's authority.
        if (s.Status is RecordStatus.Deceased or RecordStatus.Merged)
            throw new DomainRuleViolation("R-TR-4", s.Number.Value, $"Record {s.Number} is {s.Status}; it never transfers.");
        if (s.Status.IsArchived() != c.CityAuthority)
            throw new DomainRuleViolation("R-TR-4", s.Number.Value, s.Status.IsArchived()
                ? $"Record {s.Number} is archived ({s.Status}); it transfers on the city's authority alone."
                : $"Record {s.Number} is active; the city moves only archived lost or moved-out records on its own authority.");
        // R-TR-2: only the owner or the prospective clinic starts a transfer.
        if (!c.CityAuthority && c.RequestedByInstitution != s.OwnerInstitution && c.RequestedByInstitution != c.ToInstitution)
            throw new DomainRuleViolation("R-TR-2", s.Number.Value,
                $"{c.RequestedByInstitution} is neither the owner ({s.OwnerInstitution}) nor the prospective clinic ({c.ToInstitution}).");
        if (s.Lifecycle.PendingTransferId is { } pending)
            throw new DomainRuleViolation("R-TR-2", s.Number.Value, $"Transfer {pending} of record {s.Number} is still waiting for an answer.");
        // R-TR-5: no transfer within the protection period after a cross-district one.
        if (s.Lifecycle.LastCrossDistrictTransferAt is { } moved && now < moved.AddDays(policy.TransferProtectionDays))
            throw new DomainRuleViolation("R-TR-5", s.Number.Value,
                $"Record {s.Number} moved across districts on {moved:yyyy-MM-dd}; it cannot transfer again before {moved.AddDays(policy.TransferProtectionDays):yyyy-MM-dd}.");

        var transfer = new Transfer(c.RequestId, s.Number.Value, s.OwnerInstitution, s.OwnerDistrict, c.ToInstitution, c.ToDistrict,
            c.RequestedByInstitution, c.Consent!.Value, c.Reason!.Value, TransferState.Pending, now,
            policy.TransferConfirmationDueAt(now, holidays), AnsweredAt: null, AnsweredByInstitution: null, RejectionReason: null, c.CityAuthority);
        if (!c.CityAuthority)
            return [new TransferRequested(now, transfer)];
        // R-TR-4: no confirmation from the old owner; recorded and completed at once.
        return [new TransferRequested(now, transfer),
            new TransferCompleted(now, transfer with { State = TransferState.Completed, AnsweredAt = now, AnsweredByInstitution = "city" })];
    }

    /// <summary>R-TR-2, R-TR-3: the party that did not ask answers before the deadline; a rejection states its cause.</summary>
    public static IReadOnlyList<RecordEvent> Decide(RecordState s, Transfer t, AnswerTransfer c, DateTimeOffset now)
    {
        if (t.State != TransferState.Pending)
        {
            var same = (t.State == TransferState.Completed && c.Confirm) || (t.State == TransferState.Rejected && !c.Confirm);
            if (same && t.AnsweredByInstitution == c.AnsweringInstitution)
                return []; // the answer was already given
            throw new DomainRuleViolation("R-TR-2", s.Number.Value, $"Transfer {t.TransferId} is already {t.State}.");
        }
        if (c.AnsweringInstitution != t.AnsweringInstitution)
            throw new DomainRuleViolation(t.CrossesDistricts ? "R-TR-3" : "R-TR-2", s.Number.Value,
                $"Transfer {t.TransferId} is answered by {t.AnsweringInstitution}, not {c.AnsweringInstitution}.");
        if (now > t.DueAt)
            throw new DomainRuleViolation("R-TR-2", s.Number.Value,
                $"Transfer {t.TransferId} was due by {t.DueAt:yyyy-MM-dd HH:mm}; it is overdue and the owner stays {t.FromInstitution}.");
        if (!c.Confirm)
        {
            if (string.IsNullOrWhiteSpace(c.RejectionReason))
                throw new DomainValidationException("rejection_reason", "clinics may not refuse a transfer without cause (R-TR-2)");
            return [new TransferRejected(now, t with
            {
                State = TransferState.Rejected, AnsweredAt = now, AnsweredByInstitution = c.AnsweringInstitution, RejectionReason = c.RejectionReason.Trim(),
            })];
        }
        if (s.Status.IsArchived())
            throw new DomainRuleViolation(s.Status == RecordStatus.Deceased ? "R-TR-4" : "R-ST-1", s.Number.Value,
                $"Record {s.Number} became {s.Status} while the transfer waited; it cannot be confirmed.");
        if (s.OwnerInstitution != t.FromInstitution)
            throw new DomainRuleViolation("R-TR-2", s.Number.Value, $"Record {s.Number} is no longer owned by {t.FromInstitution}.");
        return [new TransferCompleted(now, t with { State = TransferState.Completed, AnsweredAt = now, AnsweredByInstitution = c.AnsweringInstitution })];
    }

    /// <summary>R-TR-2: a request unanswered past its deadline expires; the owner does not change.</summary>
    public static IReadOnlyList<RecordEvent> Expire(RecordState s, Transfer t, DateTimeOffset now) =>
        t.State == TransferState.Pending && now > t.DueAt && s.Lifecycle.PendingTransferId == t.TransferId
            ? [new TransferExpired(now, t with { State = TransferState.Expired, AnsweredAt = now })]
            : [];
}
