namespace HealthRecords.Grains.Transfers;

public sealed class TransferNotFoundException(string transferId) : Exception($"No transfer {transferId}.")
{
    public string TransferId { get; } = transferId;
}
