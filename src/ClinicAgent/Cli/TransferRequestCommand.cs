using System.CommandLine;
using HealthRecords.Contracts.District.V1;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>transfer request: this clinic (the owner or the prospective one) asks for a record to move, with the resident's consent and a reason (R-TR-1, R-TR-2).</summary>
internal static class TransferRequestCommand
{
    /// <summary>R-TR-1: how the resident consented; an off-site lookup's authorization is given the same ways (R-OS-2).</summary>
    public static readonly Dictionary<string, ConsentMethod> Consents = new()
    {
        ["signed"] = ConsentMethod.SignedOnSite,
        ["biometric"] = ConsentMethod.Biometric,
        ["sms"] = ConsentMethod.SmsOrPhone,
        ["video"] = ConsentMethod.Video,
    };

    private static readonly Dictionary<string, TransferReason> Reasons = new()
    {
        ["resident"] = TransferReason.ResidentRequest,
        ["residence"] = TransferReason.ChangeOfResidence,
        ["marriage"] = TransferReason.Marriage,
        ["military"] = TransferReason.MilitaryService,
        ["study"] = TransferReason.Study,
        ["dissatisfied"] = TransferReason.DissatisfiedWithService,
        ["floating"] = TransferReason.FloatingPopulation,
    };

    public static Command Create()
    {
        var record = new Option<string>("--record") { Description = "17-digit record number", Required = true };
        var to = new Option<string>("--to") { Description = "Institution code of the prospective owning clinic (this clinic, or another when this clinic owns the record)", Required = true };
        var consent = new Option<string>("--consent") { Description = "How the resident consented: signed form on site, biometric, SMS or phone, video", Required = true };
        consent.AcceptOnlyFromAmong([.. Consents.Keys]);
        var reason = new Option<string>("--reason") { Description = "Why the record moves", Required = true };
        reason.AcceptOnlyFromAmong([.. Reasons.Keys]);
        var requestId = RequestIds.Option();
        var command = new Command("request", "Request the transfer of a record; the other clinic must answer before the deadline.");
        foreach (var option in new Option[] { record, to, consent, reason, requestId })
            command.Options.Add(option);
        command.SetDistrictAction(async (parse, district, ct) =>
        {
            var transfer = await district.RequestTransferAsync(new RequestTransferRequest
            {
                RequestId = RequestIds.Of(parse, requestId),
                RecordNumber = parse.GetValue(record)!.Trim(),
                ToInstitutionCode = parse.GetValue(to)!.Trim(),
                ConsentMethod = Consents[parse.GetValue(consent)!],
                Reason = Reasons[parse.GetValue(reason)!],
            }, ct);
            Output.Write(transfer, parse.GetValue(GlobalOptions.Json), w =>
            {
                w.WriteLine(transfer.State == TransferState.Completed
                    ? $"Transfer {transfer.TransferId} completed on the city's authority (R-TR-4): record {transfer.RecordNumber} now belongs to {transfer.ToInstitutionCode}."
                    : $"Transfer {transfer.TransferId} requested: {TransferOutput.Answering(transfer)} must confirm or refuse it by {TransferOutput.Time(transfer.DueAt)}.");
                TransferOutput.Transfer(w, transfer);
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
