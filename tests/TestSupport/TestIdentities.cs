using HealthRecords.Grains.Identity;

namespace HealthRecords.TestSupport;

/// <summary>Valid, distinct citizen ID numbers for load and concurrency tests, deterministic per index.</summary>
public static class TestIdentities
{
    private static readonly DateOnly FirstBirthDate = new(1940, 1, 1);

    /// <summary>
    /// The n-th synthetic ID (n &lt; 30,000 × 999): region 500103, a birth date walking forward from
    /// 1940, a 3-digit sequence, and the GB 11643 check character.
    /// </summary>
    public static string CitizenId(long n, string region = "500103")
    {
        var born = FirstBirthDate.AddDays((int)(n / 999));
        var first17 = $"{region}{born:yyyyMMdd}{n % 999 + 1:D3}";
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }
}
