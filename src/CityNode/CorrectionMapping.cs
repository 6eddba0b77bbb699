using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Storage.City;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.CityNode;

/// <summary>Translation of corrections and service record versions between the wire and the domain. No decisions here.</summary>
internal static class CorrectionMapping
{
    /// <summary>Null = main problems unchanged; the wire cannot tell an unset list from an empty one, hence the flag.</summary>
    public static IReadOnlyList<string>? ChangedMainProblems(this City.RequestCorrectionRequest r) =>
        r.ChangedMainProblems.Count > 0 ? r.ChangedMainProblems.ToList() : r.ClearMainProblems ? [] : null;

    /// <summary>Null = every state.</summary>
    public static CorrectionState? ToDomain(this City.CorrectionState state) => state switch
    {
        City.CorrectionState.Unspecified => null,
        _ when System.Enum.IsDefined((CorrectionState)(int)state) => (CorrectionState)(int)state,
        _ => throw new DomainValidationException("state", $"must be a correction state 0-3, got {(int)state}"),
    };

    public static City.ServiceCorrection ToProto(this StoredCorrection c)
    {
        var r = c.Request;
        var proto = new City.ServiceCorrection
        {
            CorrectionId = r.CorrectionId,
            UploadId = r.UploadId,
            RecordNumber = c.RecordNumber,
            InstitutionCode = r.InstitutionCode,
            RequestedBy = r.RequestedBy,
            Reason = r.Reason,
            Evidence = r.Evidence,
            ReplacesMainProblems = r.ChangedMainProblems is not null,
            State = (City.CorrectionState)(int)c.State,
            RequestedAt = Timestamp.FromDateTimeOffset(r.RequestedAt),
            DecidedBy = c.DecidedBy ?? "",
            DecidedAt = c.DecidedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            DecisionReason = c.DecisionReason ?? "",
        };
        foreach (var (key, value) in r.ChangedMeasurements)
            proto.ChangedMeasurements[key] = value;
        proto.ChangedMainProblems.AddRange(r.ChangedMainProblems ?? []);
        return proto;
    }

    public static City.ServiceRecordVersion ToProto(this ServiceRecordVersion v) => new()
    {
        Version = v.Version,
        ValidFrom = Timestamp.FromDateTimeOffset(v.ValidFrom),
        CorrectionId = v.CorrectionId ?? "",
        ApprovedBy = v.ApprovedBy ?? "",
        Record = v.Record.ToProto(),
    };
}
