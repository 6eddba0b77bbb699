using HealthRecords.Grains.Transfers;

namespace HealthRecords.Grains.Records;

/// <summary>A step of a transfer; each carries the transfer as it stands after the step.</summary>
public abstract record TransferEvent(DateTimeOffset OccurredAt, Transfer Transfer) : RecordEvent(OccurredAt);

/// <summary>R-TR-1, R-TR-2: the city recorded a request; the owner stays until it completes.</summary>
public sealed record TransferRequested(DateTimeOffset OccurredAt, Transfer Transfer) : TransferEvent(OccurredAt, Transfer);

/// <summary>R-TR-3: confirmed (or, for an archived record, decided by the city, R-TR-4): the owner changes.</summary>
public sealed record TransferCompleted(DateTimeOffset OccurredAt, Transfer Transfer) : TransferEvent(OccurredAt, Transfer);

/// <summary>R-TR-2: refused with its cause; the owner is unchanged.</summary>
public sealed record TransferRejected(DateTimeOffset OccurredAt, Transfer Transfer) : TransferEvent(OccurredAt, Transfer);

/// <summary>R-TR-2: unanswered past the deadline; the owner is unchanged and the request is reported overdue.</summary>
public sealed record TransferExpired(DateTimeOffset OccurredAt, Transfer Transfer) : TransferEvent(OccurredAt, Transfer);
