namespace HealthRecords.Grains.Identity;

/// <summary>
/// A plain mirror of the proto <c>identity</c> oneof: exactly one of the four must be set
/// (R-ID-2). A string that is null, empty or only whitespace counts as not set, so a mapper
/// may pass proto3's <c>""</c> for the cases that are not selected.
/// </summary>
public sealed record IdentityInput(
    string? CitizenIdNumber,
    string? ResidencePermitNumber,
    string? BirthMedicalCertificateNumber,
    NewbornInput? Newborn);
