using System.CommandLine;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>transfer answer: the clinic that did not ask confirms, or refuses with a reason, before the deadline (R-TR-2).</summary>
internal static class TransferAnswerCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "The transfer to answer (see 'inbox')", Required = true };
        var confirm = new Option<bool>("--confirm") { Description = "Confirm: the record moves to the prospective clinic" };
        var reject = new Option<string>("--reject") { Description = "Refuse, with the reason (a refusal needs a cause)" };
        var requestId = RequestIds.Option();
        var command = new Command("answer", "Confirm (--confirm) or refuse (--reject REASON) a transfer this clinic must answer.");
        foreach (var option in new Option[] { id, confirm, reject, requestId })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var refusing = parse.GetResult(reject) is not null;
            if (parse.GetValue(confirm) == refusing)
                throw new UsageException("Give either --confirm or --reject REASON.");
            var transfer = await district.AnswerTransferAsync(RequestIds.Of(parse, requestId), parse.GetValue(id)!.Trim(),
                confirm: !refusing, refusing ? parse.GetValue(reject) ?? "" : "", ct);
            Output.Write(transfer, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine(transfer.State == TransferState.Completed
                    ? $"Transfer {transfer.TransferId} confirmed: record {transfer.RecordNumber} now belongs to {transfer.ToInstitutionCode}."
                    : $"Transfer {transfer.TransferId} refused: record {transfer.RecordNumber} stays with {transfer.FromInstitutionCode}.");
                TransferOutput.Transfer(w, transfer);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
