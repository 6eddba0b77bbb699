namespace HealthRecords.Grains.Validation;

/// <summary>
/// One invalid input field: <paramref name="Field"/> is the proto field path
/// (e.g. <c>identity.newborn.parity</c>), <paramref name="Description"/> an English sentence
/// saying what is wrong. Descriptions never repeat a full identity number (personal data).
/// </summary>
public sealed record FieldViolation(string Field, string Description)
{
    /// <summary>"field: description".</summary>
    public override string ToString() => $"{Field}: {Description}";
}
