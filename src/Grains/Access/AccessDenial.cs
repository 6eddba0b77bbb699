namespace HealthRecords.Grains.Access;

/// <summary>Why an access is refused: a reason code for ErrorInfo, the rule, and a sentence for people.</summary>
public sealed record AccessDenial(string Reason, string Rule, string Message);
