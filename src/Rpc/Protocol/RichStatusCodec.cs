using Google.Protobuf;

namespace HealthRecords.Rpc;

/// <summary>grpc-status-details-bin carries a serialized google.rpc.Status.</summary>
internal static class RichStatusCodec
{
    public static Google.Rpc.Status? TryParse(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
