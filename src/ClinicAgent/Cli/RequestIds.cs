using System.CommandLine;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>--request-id: the idempotency key of a call that changes something; a fresh one unless given, so a retry must give it.</summary>
internal static class RequestIds
{
    public static Option<string?> Option() =>
        new("--request-id") { Description = "Idempotency key; reuse it to retry the same call safely (default: a new id)" };

    public static string Of(ParseResult parse, Option<string?> option) => parse.GetValue(option) ?? Guid.NewGuid().ToString("N");
}
