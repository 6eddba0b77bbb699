using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>Helpers for transfer tests: a request with consent and reason, and waiting for the districts' copies.</summary>
internal static class TransferCalls
{
    public static District.RequestTransferRequest Request(string recordNumber, string to, string? requestId = null) => new()
    {
        RequestId = requestId ?? Guid.NewGuid().ToString("N"),
        RecordNumber = recordNumber,
        ToInstitutionCode = to,
        ConsentMethod = ConsentMethod.SignedOnSite,
        Reason = TransferReason.ChangeOfResidence,
    };

    public static ServiceClient TransferService(GrpcChannel district, string caller) =>
        Feeds.DistrictService(district, caller, District.TransfersReflection.Descriptor, "ClinicTransferService");

    public static ServiceClient LifecycleService(GrpcChannel district, string caller) =>
        Feeds.DistrictService(district, caller, District.RecordLifecycleReflection.Descriptor, "ClinicRecordLifecycleService");

    /// <summary>Waits until the clinic's inbox (from its district's copy of the city's events) holds the transfer, and returns its item.</summary>
    public static async Task<District.InboxItem> InInboxAsync(DistrictConnection clinic, string transferId)
    {
        District.InboxItem? found = null;
        await Uploads.EventuallyAsync(async () =>
        {
            found = (await clinic.ListInboxAsync(0, "")).Items.FirstOrDefault(i => (i.TransferToAnswer ?? i.TransferAwaitingAnswer)?.TransferId == transferId);
            return found is not null;
        }, Feeds.Timeout, $"transfer {transferId} in {clinic.InstitutionCode}'s inbox");
        return found!;
    }

    /// <summary>Waits until the clinic's district lists the transfer in the given state.</summary>
    public static async Task<TransferRequest> ListedAsync(DistrictConnection clinic, string transferId, TransferState state)
    {
        TransferRequest? found = null;
        await Uploads.EventuallyAsync(async () =>
        {
            found = (await clinic.ListTransfersAsync(state, 0, "")).Transfers.FirstOrDefault(t => t.TransferId == transferId);
            return found is not null;
        }, Feeds.Timeout, $"transfer {transferId} {state} at {clinic.InstitutionCode}'s district");
        return found!;
    }
}
