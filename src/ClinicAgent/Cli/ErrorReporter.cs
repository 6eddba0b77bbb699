using Google.Rpc;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Explains a failed call in words a clinic's staff can act on, and picks the exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(RpcException e, string districtAddress, TextWriter error)
    {
        switch (e.StatusCode)
        {
            case Rpc.StatusCode.InvalidArgument:
                error.WriteLine("The request was refused as invalid:");
                var violations = e.GetDetail<BadRequest>()?.FieldViolations;
                if (violations is { Count: > 0 })
                    foreach (var v in violations)
                        error.WriteLine($"  {v.Field}: {v.Description}");
                else
                    error.WriteLine($"  {e.Status.Detail}");
                return ExitCodes.Usage;
            case Rpc.StatusCode.AlreadyExists:
                var existing = e.GetDetail<ExistingEnrollment>()?.Entry;
                error.WriteLine(existing is null
                    ? $"Already enrolled: {e.Status.Detail}"
                    : $"Already enrolled: record {existing.RecordNumber}, owned by {existing.OwningInstitutionCode} " +
                      $"(district {existing.OwningDistrictCode}), status {Output.Status(existing.Status)}. " +
                      "No second record is made; ask for a transfer if the resident now belongs here.");
                return ExitCodes.AlreadyEnrolled;
            case Rpc.StatusCode.NotFound:
                error.WriteLine($"Not found: {e.Status.Detail}");
                return ExitCodes.NotFound;
            case Rpc.StatusCode.PermissionDenied:
            case Rpc.StatusCode.Unauthenticated:
                error.WriteLine($"Not allowed: {e.Status.Detail}");
                return ExitCodes.NotAllowed;
            case Rpc.StatusCode.FailedPrecondition:
                var rule = e.GetDetail<PreconditionFailure>()?.Violations.FirstOrDefault()?.Type;
                error.WriteLine($"Refused{(rule is null ? "" : $" by rule {rule}")}: {e.Status.Detail}");
                return ExitCodes.Refused;
            case Rpc.StatusCode.Unavailable:
            case Rpc.StatusCode.DeadlineExceeded:
                error.WriteLine($"Could not complete the call through {districtAddress}: {e.Status.Detail}");
                error.WriteLine("Nothing was changed unless a retry with the same --request-id says so; try again later.");
                return ExitCodes.Unreachable;
            default:
                error.WriteLine($"Failed ({e.StatusCode}): {e.Status.Detail}");
                return ExitCodes.Failed;
        }
    }
}
