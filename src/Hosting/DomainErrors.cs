using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;
using HealthRecords.Grains.Validation;
using HealthRecords.Rpc;

namespace HealthRecords.Hosting;

/// <summary>Turns the domain's refusals into gRPC statuses with google.rpc details.</summary>
public static class DomainErrors
{
    public static RpcException? Map(Exception exception) => exception switch
    {
        DomainValidationException v => RpcErrors.InvalidArgument(
            "Invalid request: " + string.Join("; ", v.Violations.Select(x => $"{x.Field} {x.Description}")),
            v.Violations.Select(x => (x.Field, x.Description)).ToArray()),
        // FAILED_PRECONDITION naming the rule: PreconditionFailure.type carries the rule id.
        DomainRuleViolation { Details: { } details } r => RpcErrors.FailedPrecondition($"{r.RuleId}: {r.Message}", r.RuleId, r.Subject, r.Message, r.Reason, details),
        DomainRuleViolation r => RpcErrors.FailedPrecondition($"{r.RuleId}: {r.Message}", r.RuleId, r.Subject, r.Message),
        RecordNotFoundException n => new RpcException(new Status(StatusCode.NotFound, $"No record {n.Number}.")),
        TransferNotFoundException t => new RpcException(new Status(StatusCode.NotFound, $"No transfer {t.TransferId}.")),
        SerialsExhaustedException s => RpcErrors.WithErrorInfo(StatusCode.ResourceExhausted, s.Message,
            "RECORD_SERIALS_EXHAUSTED", "healthrecords", new Dictionary<string, string> { ["committee"] = s.Committee.Value }),
        _ => null,
    };

    /// <summary>Parses a record number field or reports it as the named invalid field.</summary>
    public static RecordNumber ParseRecordNumber(string value, string field = "record_number") =>
        RecordNumber.TryParse(value, out var number, out var error)
            ? number!
            : throw new DomainValidationException([new FieldViolation(field, error ?? "is not a 17-digit record number.")]);
}
