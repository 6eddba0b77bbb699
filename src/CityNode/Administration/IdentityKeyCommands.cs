using HealthRecords.Storage.City;
using HealthRecords.Storage.Security;

namespace HealthRecords.CityNode.Administration;

/// <summary>
/// R-AC-6 on the command line: <c>generate-key</c> prints a fresh random key (base64) for
/// <c>Security:IdentityKeys:Keys:&lt;id&gt;</c> or <c>Security:IdentityKeys:HashKey</c>;
/// <c>rotate-identity-keys</c> (with the node's usual settings, city stopped) re-encrypts every
/// identity number under the current key and rehashes it under the configured hash key.
/// </summary>
public static partial class IdentityKeyCommands
{
    public const string Rotate = "rotate-identity-keys";

    /// <summary>Runs <c>generate-key</c>; true when it was the command.</summary>
    public static bool TryGenerate(string[] args)
    {
        if (args is not ["generate-key", ..])
            return false;
        Console.WriteLine(IdentityKeyRing.GenerateKey());
        return true;
    }

    /// <summary>
    /// Checks the keys against stored rows (not when rotating, which changes them) and converts plaintext
    /// left by an older version; the node serves only afterwards.
    /// </summary>
    public static async Task ProtectIdentitiesAsync(this WebApplication app, bool rotating)
    {
        var conversion = app.Services.GetRequiredService<IdentityConversion>();
        if (!rotating)
            await conversion.VerifyKeysAsync().ConfigureAwait(false);
        var result = await conversion.ProtectPlaintextOnceAsync().ConfigureAwait(false);
        if (result.Changed)
            LogProtected(app.Logger, result.Records, result.JournalEvents);
    }

    public static async Task RotateIdentityKeysAsync(this WebApplication app)
    {
        var result = await app.Services.GetRequiredService<IdentityConversion>().RotateAsync().ConfigureAwait(false);
        Console.WriteLine($"Re-encrypted or rehashed {result.Records} records and {result.JournalEvents} journal events under key '{app.Services.GetRequiredService<IdentityProtector>().CurrentKeyId}'.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity numbers encrypted at rest (R-AC-6): {Records} records and {Events} journal events converted from plaintext")]
    private static partial void LogProtected(ILogger logger, int records, int events);
}
