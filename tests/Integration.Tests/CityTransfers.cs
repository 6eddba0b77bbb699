using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>The city's transfer and lifecycle services, called as the district node of the acting clinic.</summary>
internal static class CityTransfers
{
    public static ServiceClient Transfers(GrpcChannel city, string asDistrict) =>
        Feeds.CityService(city, asDistrict, City.TransfersReflection.Descriptor, "TransferService");

    public static ServiceClient Lifecycle(GrpcChannel city, string asDistrict) =>
        Feeds.CityService(city, asDistrict, City.RecordLifecycleReflection.Descriptor, "RecordLifecycleService");

    public static Task<TransferRequest> RequestAsync(GrpcChannel city, string recordNumber, string to, string requestedBy, string? requestId = null) =>
        Transfers(city, requestedBy[..6]).UnaryAsync<City.RequestTransferRequest, TransferRequest>("RequestTransfer", new()
        {
            RequestId = requestId ?? Guid.NewGuid().ToString("N"), RecordNumber = recordNumber, ToInstitutionCode = to,
            RequestedByInstitutionCode = requestedBy, ConsentMethod = ConsentMethod.SignedOnSite, Reason = TransferReason.ChangeOfResidence,
        });

    public static Task<TransferRequest> AnswerAsync(GrpcChannel city, string transferId, string answering, bool confirm, string rejectionReason = "") =>
        Transfers(city, answering[..6]).UnaryAsync<City.AnswerTransferRequest, TransferRequest>("AnswerTransfer", new()
        {
            RequestId = Guid.NewGuid().ToString("N"), TransferId = transferId, AnsweringInstitutionCode = answering,
            Confirm = confirm, RejectionReason = rejectionReason,
        });

    public static Task<TransferRequest> GetAsync(GrpcChannel city, string transferId, string asDistrict) =>
        Transfers(city, asDistrict).UnaryAsync<City.GetTransferRequest, TransferRequest>("GetTransfer", new() { TransferId = transferId });

    public static Task<MasterIndexEntry> DeathAsync(GrpcChannel city, string recordNumber, string institution, DateOnly died, DateOnly notice) =>
        Lifecycle(city, institution[..6]).UnaryAsync<City.RecordDeathRequest, MasterIndexEntry>("RecordDeath", new()
        {
            RequestId = Guid.NewGuid().ToString("N"), RecordNumber = recordNumber, InstitutionCode = institution, RecordedBy = "张医生",
            DateOfDeath = Date(died), Cause = "心肌梗死", NoticeDate = Date(notice),
        });

    public static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    /// <summary>The rule a FAILED_PRECONDITION names (PreconditionFailure.type).</summary>
    public static string Rule(RpcException e) => e.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type;
}
