namespace HealthRecords.Rpc;

/// <summary>
/// A call failed with a non-OK status. Thrown by handlers to answer with that status, and by
/// clients when a call fails. <see cref="RichStatus"/> travels as <c>grpc-status-details-bin</c>.
/// </summary>
public class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), null, null)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, null, null)
    {
    }

    public RpcException(Google.Rpc.Status richStatus)
        : this(richStatus, new Metadata())
    {
    }

    public RpcException(Google.Rpc.Status richStatus, Metadata trailers)
        : this(new Status((StatusCode)richStatus.Code, richStatus.Message), trailers, richStatus, null)
    {
    }

    internal RpcException(Status status, Metadata trailers, Google.Rpc.Status? richStatus, Exception? inner)
        : base(status.ToString(), inner)
    {
        Status = status;
        Trailers = trailers;
        RichStatus = richStatus;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }

    public Google.Rpc.Status? RichStatus { get; }
}
