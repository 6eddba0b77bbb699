using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace HealthRecords.Rpc;

/// <summary>Builds RpcExceptions carrying google.rpc.Status details (the standard error model).</summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }
        return Create(StatusCode.InvalidArgument, message, badRequest);
    }

    public static RpcException FailedPrecondition(string message, string type, string subject, string description) =>
        Create(StatusCode.FailedPrecondition, message, Precondition(type, subject, description));

    /// <summary>As above, with an ErrorInfo whose metadata a program can act on.</summary>
    public static RpcException FailedPrecondition(
        string message, string type, string subject, string description, string reason, IReadOnlyDictionary<string, string> metadata) =>
        WithErrorInfo(StatusCode.FailedPrecondition, message, reason, "healthrecords", metadata, Precondition(type, subject, description));

    public static RpcException WithErrorInfo(
        StatusCode code,
        string message,
        string reason,
        string domain,
        IReadOnlyDictionary<string, string>? metadata = null,
        params IMessage[] extraDetails)
    {
        var info = new ErrorInfo { Reason = reason, Domain = domain };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                info.Metadata[key] = value;
            }
        }
        return Create(code, message, [info, .. extraDetails]);
    }

    private static PreconditionFailure Precondition(string type, string subject, string description) =>
        new() { Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description } } };

    public static RpcException Create(StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return new RpcException(status);
    }
}
