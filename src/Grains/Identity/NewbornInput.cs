namespace HealthRecords.Grains.Identity;

/// <summary>
/// Mirror of the proto <c>identity.newborn</c> message (R-ID-2, CQ-A1 2(4)): the mother's ID
/// number (citizen ID or residence permit), parity (产次, 1..20), birth order (胎次, 1..10) and,
/// for a multiple birth, the child's name. <see cref="Name"/> is ignored unless
/// <see cref="IsMultipleBirth"/> is set: only then is it part of the identity.
/// </summary>
public sealed record NewbornInput(
    string? MotherIdNumber,
    int Parity,
    int BirthOrder,
    bool IsMultipleBirth,
    string? Name);
