namespace HealthRecords.Grains.Research;

/// <summary>What the researcher means to do with an export; commercial use is never allowed (R-AC-4, GD art. 40).</summary>
public enum ResearchUse
{
    AcademicResearch = 1,
    PublicHealth = 2,
    Commercial = 3,
}
