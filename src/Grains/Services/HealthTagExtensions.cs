namespace HealthRecords.Grains.Services;

public static class HealthTagExtensions
{
    /// <summary>
    /// Tags revealing a severe mental disorder are sensitive personal data; the security issue hides
    /// them (and is expected to hide the matching activities) from those not entitled.
    /// </summary>
    public static bool IsRestricted(this HealthTag tag) => tag == HealthTag.SevereMentalDisorder;
}
