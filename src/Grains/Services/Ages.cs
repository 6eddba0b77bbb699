namespace HealthRecords.Grains.Services;

/// <summary>Completed years of age, as the regulations count them ("65 岁及以上", "0-6 岁").</summary>
internal static class Ages
{
    /// <summary>
    /// Full years from <paramref name="birth"/> to <paramref name="on"/>; someone born on 29 February
    /// becomes a year older on 1 March in common years.
    /// </summary>
    public static int YearsOn(DateOnly birth, DateOnly on)
    {
        var years = on.Year - birth.Year;
        return (on.Month, on.Day).CompareTo((birth.Month, birth.Day)) < 0 ? years - 1 : years;
    }
}
