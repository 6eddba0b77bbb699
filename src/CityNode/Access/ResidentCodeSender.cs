using System.Text.Json;
using HealthRecords.Storage;

namespace HealthRecords.CityNode.Access;

/// <summary>
/// Sends the resident's one-time code (R-AC-2: SMS code). This platform has no SMS provider; the
/// messages go to a JSON-lines outbox file (<c>Security:Sms:OutboxFile</c>, by default
/// <c>sms-outbox.jsonl</c> in the data directory) that an SMS gateway drains. Only the message
/// leaves the city; the code itself is kept as a hash.
/// </summary>
public sealed class ResidentCodeSender(IConfiguration configuration, StorageOptions storage)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string OutboxPath { get; } = configuration["Security:Sms:OutboxFile"] is { Length: > 0 } path
        ? path
        : Path.Combine(storage.DataDirectory, "sms-outbox.jsonl");

    public async Task SendAsync(string phone, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new { to = phone, text, at }) + "\n";
        await Gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutboxPath))!);
            await File.AppendAllTextAsync(OutboxPath, line, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>138****0001: enough for the clinician to tell the resident which phone to look at.</summary>
    public static string Mask(string phone) => phone.Length >= 7 ? $"{phone[..3]}****{phone[^4..]}" : "****";
}
