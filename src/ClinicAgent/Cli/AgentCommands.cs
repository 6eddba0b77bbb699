using System.CommandLine;
using HealthRecords.Rpc;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>The clinic agent's command line: hr-clinic [--district URL] [--institution CODE] COMMAND ...</summary>
internal static class AgentCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("HealthRecords clinic agent: enroll residents and look up records through your district node.");
        root.Options.Add(GlobalOptions.District);
        root.Options.Add(GlobalOptions.Institution);
        root.Options.Add(GlobalOptions.Json);
        CertificateOptions.AddTo(root);
        root.Subcommands.Add(EnrollCommand.Create());
        root.Subcommands.Add(LookupCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(RecordsCommand.Create());
        root.Subcommands.Add(UpdateContactCommand.Create());
        root.Subcommands.Add(CorrectIdentityCommand.Create());
        root.Options.Add(QueueOptions.Queue);
        root.Subcommands.Add(RecordCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(SyncCommand.Create());
        root.Subcommands.Add(QueueCommand.Create());
        root.Subcommands.Add(CorrectionCommand.Create());
        root.Subcommands.Add(TransferCommand.Create());
        root.Subcommands.Add(InboxCommand.Create());
        root.Subcommands.Add(NoticeCommands.List());
        root.Subcommands.Add(NoticeCommands.Read());
        root.Subcommands.Add(OffsiteCommand.Create());
        root.Subcommands.Add(AccessCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        return root;
    }

    /// <summary>Runs a local command (no district involved), turning mistakes into a message and exit code 2.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is UsageException or FormatException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>Runs a command against the district, turning every failure into a clear message and exit code.</summary>
    public static void SetDistrictAction(this Command command, Func<ParseResult, DistrictConnection, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var district = GlobalOptions.Connect(parse);
                return await action(parse, district, cancellationToken);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Usage;
            }
            catch (RpcException e)
            {
                return ErrorReporter.Report(e, parse.GetValue(GlobalOptions.District)!, Console.Error);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                Console.Error.WriteLine($"Could not reach {parse.GetValue(GlobalOptions.District)}: {e.Message}");
                return ExitCodes.Unreachable;
            }
        });
}
