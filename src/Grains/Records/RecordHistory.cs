namespace HealthRecords.Grains.Records;

/// <summary>One status or ownership change of a record, with its date and reason (R-ST-7).</summary>
public sealed record RecordHistoryEntry(long Version, DateTimeOffset OccurredAt, string Change, RecordStatus Status, string OwnerInstitution,
    string FiledBy, string Reason);

/// <summary>R-ST-7: the record's status and ownership history, folded from its event journal.</summary>
public static class RecordHistory
{
    public static IReadOnlyList<RecordHistoryEntry> Of(IReadOnlyList<RecordEvent> journal)
    {
        var history = new List<RecordHistoryEntry>();
        RecordState? state = null;
        foreach (var e in journal)
        {
            state = state is null && e is ResidentEnrolled enrolled ? RecordState.Create(enrolled) : state!.Apply(e);
            if (Describe(e) is var (change, filedBy, reason))
                history.Add(new(state.Version, e.OccurredAt, change, state.Status, state.OwnerInstitution, filedBy, reason));
        }
        return history;
    }

    private static (string Change, string FiledBy, string Reason)? Describe(RecordEvent e) => e switch
    {
        ResidentEnrolled x => ("enrolled", x.InstitutionCode, $"enrolled by {x.EnrolledBy}"),
        MarkedLostToFollowUp x => ("marked_lost_to_follow_up", x.InstitutionCode, $"{x.Reason} (confirmed by {x.ConfirmedBy})"),
        // The cause of death is health data; the history says who recorded the death and when it happened.
        DeathRecorded x => ("death_recorded", x.InstitutionCode, $"died on {x.DateOfDeath:yyyy-MM-dd}, recorded by {x.RecordedBy}{(x.EnteredLate ? ", entered late (R-ST-3)" : "")}"),
        MovedOutOfCity x => ("moved_out_of_city", x.InstitutionCode, $"left on {x.LeftOn:yyyy-MM-dd} for {x.Destination}; {x.Handover}"),
        Reactivated x => ("reactivated", x.InstitutionCode, x.Cause),
        TransferRequested x => ("transfer_requested", x.Transfer.RequestedByInstitution,
            $"transfer {x.Transfer.TransferId} to {x.Transfer.ToInstitution}: {x.Transfer.Reason}, consent {x.Transfer.Consent}"),
        TransferCompleted x => ("transfer_completed", x.Transfer.AnsweredByInstitution ?? "city",
            $"transfer {x.Transfer.TransferId} from {x.Transfer.FromInstitution} to {x.Transfer.ToInstitution}{(x.Transfer.CityAuthority ? " on the city's authority (R-TR-4)" : "")}"),
        TransferRejected x => ("transfer_rejected", x.Transfer.AnsweredByInstitution ?? "", $"transfer {x.Transfer.TransferId} refused: {x.Transfer.RejectionReason}"),
        TransferExpired x => ("transfer_expired", "city", $"transfer {x.Transfer.TransferId} unanswered by {x.Transfer.DueAt:yyyy-MM-dd HH:mm} (R-TR-2)"),
        RecordMergedInto x => ("merged_into", "city", $"merged into {x.SurvivorNumber}, confirmed by {x.ConfirmedBy} (R-MG-3)"),
        RecordAbsorbed x => ("absorbed", "city", $"absorbed {x.MergedAwayNumber}, confirmed by {x.ConfirmedBy} (R-MG-1, R-MG-2)"),
        IdentityRekeyed x => ("identity_rekeyed", x.InstitutionCode, $"newborn key replaced by an ID number, recorded by {x.RecordedBy}, consent: {x.Consent} (R-ID-3)"),
        BasicInformationCorrected x => ("basic_information_corrected", x.InstitutionCode,
            $"{BasicInformationChanges.Describe(x)}, recorded by {x.RecordedBy}, consent: {x.Consent} (R-ID-6)"),
        _ => null,
    };
}
