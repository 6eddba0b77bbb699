using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>Helpers for off-site notices (R-OS-3): a service given by a clinic that does not own the record, and waiting for its notice at the owner's district.</summary>
internal static class NoticeCalls
{
    /// <summary>The serving clinic records and uploads the service on the normal path, through its own district.</summary>
    public static async Task<ServiceRecord> ServeElsewhereAsync(Federation federation, string recordNumber, string serving, string uploadId)
    {
        var service = Uploads.Service(uploadId, recordNumber, serving, Uploads.Today, ServiceKind.HypertensionFollowUp);
        await OffsiteCalls.UploadAsync(federation, service);
        return service;
    }

    /// <summary>Waits until the owning clinic's district holds the notice (it comes with the city's events a moment after the upload).</summary>
    public static async Task<OffsiteServiceNotice> NoticedAsync(DistrictConnection owner, string noticeId)
    {
        OffsiteServiceNotice? found = null;
        await Uploads.EventuallyAsync(async () =>
        {
            found = (await owner.ListOffsiteServiceNoticesAsync(unreadOnly: false, 1000, "")).Notices.FirstOrDefault(n => n.NoticeId == noticeId);
            return found is not null;
        }, Feeds.Timeout, $"notice {noticeId} at {owner.InstitutionCode}'s district");
        return found!;
    }
}
