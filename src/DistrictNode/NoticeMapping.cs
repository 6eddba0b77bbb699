using Google.Protobuf.WellKnownTypes;
using HealthRecords.Hosting;
using HealthRecords.Storage.District;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>R-OS-3: a notice as the district holds it, on the wire: the city's notice, when the district received it, and who read it first.</summary>
internal static class NoticeMapping
{
    public static Types.OffsiteServiceNotice ToProto(this StoredNotice n)
    {
        var proto = n.Notice.ToProto();
        proto.ReceivedAt = Timestamp.FromDateTimeOffset(n.ReceivedAt);
        proto.ReadAt = n.ReadAt is { } readAt ? Timestamp.FromDateTimeOffset(readAt) : null;
        proto.ReadBy = n.ReadBy ?? "";
        return proto;
    }
}
