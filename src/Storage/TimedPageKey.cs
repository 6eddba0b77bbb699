namespace HealthRecords.Storage;

/// <summary>Where a page of a list ordered by time then id starts (transfers at both tiers, off-site notices): after the item with this time (ms) and id.</summary>
public sealed record TimedPageKey(long AtMs, string Id);
