using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>Personal basic information (R-RC-1). Name, sex and birth date are identity fields (R-ID-6).</summary>
public sealed record ResidentProfile(
    string Name,
    Sex Sex,
    DateOnly? DateOfBirth,
    string? Phone,
    string? CurrentAddress,
    string? RegisteredAddress,
    string? Employer,
    string? ResponsibleDoctor);
