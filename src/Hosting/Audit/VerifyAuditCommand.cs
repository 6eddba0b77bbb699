using HealthRecords.Storage;
using HealthRecords.Storage.Audit;
using Microsoft.AspNetCore.Builder;

namespace HealthRecords.Hosting.Audit;

/// <summary>
/// <c>verify-audit [--Storage:...=...]</c> (R-AC-5): checks the access audit chain of the database the node
/// is configured with (same appsettings, environment and arguments as the node), prints the result and
/// sets the exit code: 0 intact, 3 broken (naming the first broken entry).
/// </summary>
public static class VerifyAuditCommand
{
    public const int Broken = 3;

    public static async Task<bool> TryRunAsync(string[] args, string sqliteFileName)
    {
        if (args is not ["verify-audit", .. var rest])
            return false;
        var configuration = WebApplication.CreateBuilder(rest).Configuration;
        await using var database = DatabaseFactory.Create(NodeHosting.StorageOf(configuration, sqliteFileName));
        var result = await new AccessAuditLog(database).VerifyAsync(CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(result.ToString());
        Environment.ExitCode = result.Intact ? 0 : Broken;
        return true;
    }
}
