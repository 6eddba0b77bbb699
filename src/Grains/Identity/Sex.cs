namespace HealthRecords.Grains.Identity;

/// <summary>Sex as carried by a GB 11643 ID number (17th digit odd = male, even = female).</summary>
public enum Sex
{
    /// <summary>Not known from the identity key (birth certificate number, newborn key).</summary>
    Unspecified = 0,

    /// <summary>Male.</summary>
    Male = 1,

    /// <summary>Female.</summary>
    Female = 2,
}
