using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Validation;
using Proto = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Hosting;

/// <summary>Translation of service records between the wire and the domain, and their content fingerprint.</summary>
public static class ServiceRecordMapping
{
    public static ServiceRecordInput ToInput(this Proto.ServiceRecord r) => new(
        r.UploadId.Trim(),
        r.RecordNumber.Trim(),
        (int)r.Kind,
        r.ServiceDate.ToDateOnly("service_date"),
        r.InstitutionCode.Trim(),
        r.Staff.Trim(),
        r.MainProblems.ToList(),
        r.CostFen,
        new Dictionary<string, string>(r.Measurements),
        ProtoMapping.NullIfEmpty(r.Report),
        (int)r.PrivacyLevel,
        r.ListedInstitutionCodes.ToList());

    public static Proto.ServiceRecord ToProto(this ServiceRecord r)
    {
        var proto = new Proto.ServiceRecord
        {
            UploadId = r.UploadId,
            RecordNumber = r.RecordNumber,
            Kind = (Proto.ServiceKind)(int)r.Kind,
            ServiceDate = ((DateOnly?)r.ServiceDate).ToProto(),
            InstitutionCode = r.InstitutionCode,
            Staff = r.Staff,
            CostFen = r.CostFen,
            Report = r.Report ?? "",
            Late = r.Late,
            DaysAfterService = r.DaysAfterService,
            ReceivedAt = Timestamp.FromDateTimeOffset(r.ReceivedAt),
            Offsite = r.Offsite, // R-OS-5
            PrivacyLevel = (Proto.PrivacyLevel)(int)r.Privacy, // R-AC-3
        };
        proto.ListedInstitutionCodes.AddRange(r.ListedInstitutions ?? []);
        proto.MainProblems.AddRange(r.MainProblems);
        foreach (var (key, value) in r.Measurements)
            proto.Measurements[key] = value;
        return proto;
    }

    /// <summary>
    /// A hash of what the clinic said (not of what the platform stamped), independent of map order:
    /// the same upload id with the same fingerprint is a repeat, with another one a reused id.
    /// </summary>
    public static string Fingerprint(this Proto.ServiceRecord r)
    {
        var text = new StringBuilder()
            .Append(r.UploadId).Append('\u001f').Append(r.RecordNumber).Append('\u001f').Append((int)r.Kind).Append('\u001f')
            .Append(r.ServiceDate?.Year).Append('-').Append(r.ServiceDate?.Month).Append('-').Append(r.ServiceDate?.Day).Append('\u001f')
            .Append(r.InstitutionCode).Append('\u001f').Append(r.Staff).Append('\u001f').Append(r.CostFen).Append('\u001f')
            .Append(r.Report).Append('\u001f').AppendJoin('\u001e', r.MainProblems).Append('\u001f')
            .AppendJoin('\u001e', r.Measurements.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Key + "=" + m.Value));
        // Only a protected upload adds its privacy, so fingerprints of earlier uploads stay as they were.
        if (r.PrivacyLevel != Proto.PrivacyLevel.Unspecified || r.ListedInstitutionCodes.Count > 0)
            text.Append('\u001f').Append((int)r.PrivacyLevel).Append('\u001f').AppendJoin('\u001e', r.ListedInstitutionCodes);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    public static Proto.UploadAck Accepted(string uploadId, bool late) =>
        new() { UploadId = uploadId, Outcome = Proto.UploadOutcome.Accepted, Late = late };

    public static Proto.UploadAck Rejected(string uploadId, string code, string reason) =>
        new() { UploadId = uploadId, Outcome = Proto.UploadOutcome.Rejected, RejectionCode = code, RejectionReason = reason };

    /// <summary>A refusal as an acknowledgement: the field path or the rule id, and the reason.</summary>
    public static Proto.UploadAck Rejected(string uploadId, Exception refusal) => refusal switch
    {
        DomainValidationException v => Rejected(uploadId, v.Violations[0].Field, string.Join("; ", v.Violations.Select(x => $"{x.Field} {x.Description}"))),
        Grains.Records.DomainRuleViolation r => Rejected(uploadId, r.RuleId, r.Message),
        _ => throw refusal,
    };
}
