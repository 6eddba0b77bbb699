using HealthRecords.Rpc;

namespace HealthRecords.Integration.Tests.History;

/// <summary>What the model says the platform must answer: success, a refusal (status and rule id), or "too close to a boundary to tell".</summary>
internal sealed record Expected(ExpectedKind Kind, StatusCode Code = StatusCode.OK, string Rule = "")
{
    public static readonly Expected Ok = new(ExpectedKind.Ok);

    public static readonly Expected Ambiguous = new(ExpectedKind.Ambiguous);

    public static readonly Expected Invalid = new(ExpectedKind.Refused, StatusCode.InvalidArgument);

    public static readonly Expected AlreadyExists = new(ExpectedKind.Refused, StatusCode.AlreadyExists);

    /// <summary>FAILED_PRECONDITION with a PreconditionFailure whose type is the rule id.</summary>
    public static Expected Refused(string rule) => new(ExpectedKind.Refused, StatusCode.FailedPrecondition, rule);

    public override string ToString() => Kind switch
    {
        ExpectedKind.Ok => "OK",
        ExpectedKind.Ambiguous => "ambiguous",
        _ => Rule.Length > 0 ? $"{Code} {Rule}" : Code.ToString(),
    };
}

internal enum ExpectedKind { Ok, Refused, Ambiguous }
