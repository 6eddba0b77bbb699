using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Offsite;

/// <summary>
/// R-OS-3: the city tells the owning clinic's district that another clinic served its resident.
/// <paramref name="NoticeId"/> is the service's upload id, so a clinic receives each notice once.
/// </summary>
public sealed record OffsiteServiceNotice(
    string NoticeId,
    string RecordNumber,
    string OwnerInstitution,
    string OwnerDistrict,
    string ServingInstitution,
    string ServingDistrict,
    ServiceKind Kind,
    DateOnly ServiceDate,
    string Staff,
    IReadOnlyList<string> MainProblems,
    string? Report,
    DateTimeOffset AcceptedAt)
{
    /// <summary>R-OS-3: the notice goes to the owner's district, which links it to the record and shows it to the owning clinic.</summary>
    public DistrictDelivery ToDelivery() => new(OwnerDistrict, new OffsiteServiceNoticed(AcceptedAt, this));

    /// <summary>The notice of an accepted off-site service; <paramref name="service"/> must be marked off-site.</summary>
    public static OffsiteServiceNotice Of(ServiceRecord service, string servingDistrict, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!service.Offsite || service.OwnerDistrict is not { } ownerDistrict)
            throw new ArgumentException($"Service {service.UploadId} was given by the owning clinic.", nameof(service));
        return new(service.UploadId, service.RecordNumber, service.OwnerInstitution!, ownerDistrict, service.InstitutionCode, servingDistrict,
            service.Kind, service.ServiceDate, service.Staff, service.MainProblems, service.Report, acceptedAt);
    }
}
