namespace HealthRecords.Storage;

/// <summary>Where a page of transfers starts: after the transfer with this time (ms) and id, in the page's order. Both tiers list transfers this way.</summary>
public sealed record TransferPageKey(long AtMs, string TransferId);
