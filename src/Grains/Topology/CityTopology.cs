using System.Text.Json;

namespace HealthRecords.Grains.Topology;

/// <summary>
/// Who exists in the federation: the city's districts and their institutions. Each institution
/// belongs to exactly one district (DOMAIN.md, "Tiers"). Loaded from a configuration file.
/// </summary>
public sealed class CityTopology
{
    private readonly Dictionary<string, District> _districts;
    private readonly Dictionary<string, Institution> _institutions;

    public CityTopology(string cityName, IEnumerable<District> districts)
    {
        CityName = cityName;
        _districts = new Dictionary<string, District>(StringComparer.Ordinal);
        _institutions = new Dictionary<string, Institution>(StringComparer.Ordinal);
        foreach (var district in districts)
        {
            if (!_districts.TryAdd(district.Code, district))
                throw new InvalidDataException($"District {district.Code} is listed twice.");
            foreach (var institution in district.Institutions)
            {
                if (institution.DistrictCode != district.Code)
                    throw new InvalidDataException($"Institution {institution.Code} is listed under {district.Code} but names {institution.DistrictCode}.");
                if (!_institutions.TryAdd(institution.Code, institution))
                    throw new InvalidDataException($"Institution {institution.Code} is listed twice; an institution belongs to exactly one district.");
            }
        }
    }

    public string CityName { get; }

    public IReadOnlyCollection<District> Districts => _districts.Values;

    public District? FindDistrict(string code) => _districts.GetValueOrDefault(code);

    public Institution? FindInstitution(string code) => _institutions.GetValueOrDefault(code);

    /// <summary>The district a committee belongs to, by its county-level prefix (R-ID-4).</summary>
    public District? DistrictOfCommittee(string committeeCode) =>
        committeeCode.Length >= 6 ? FindDistrict(committeeCode[..6]) : null;

    public static CityTopology Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<TopologyFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"{path} is empty.");
        return new CityTopology(file.City ?? "", (file.Districts ?? []).Select(d => new District(
            d.Code ?? throw new InvalidDataException($"{path}: a district has no code."),
            d.Name ?? d.Code,
            (d.Institutions ?? []).Select(i => new Institution(
                i.Code ?? throw new InvalidDataException($"{path}: an institution of {d.Code} has no code."),
                i.Name ?? i.Code,
                d.Code,
                i.Committees ?? [])
            {
                CorrectionAdministrators = i.CorrectionAdministrators ?? [],
            }).ToList())));
    }

    private sealed record TopologyFile(string? City, List<DistrictFile>? Districts);

    private sealed record DistrictFile(string? Code, string? Name, List<InstitutionFile>? Institutions);

    private sealed record InstitutionFile(string? Code, string? Name, List<string>? Committees, List<string>? CorrectionAdministrators);
}

/// <summary>A district (区县), identified by its 6-digit GB/T 2260 county-level code.</summary>
public sealed record District(string Code, string Name, IReadOnlyList<Institution> Institutions);

/// <summary>A primary care institution and the residents' committees it serves.</summary>
public sealed record Institution(string Code, string Name, string DistrictCode, IReadOnlyList<string> Committees)
{
    /// <summary>
    /// R-RC-3: the staff ids this institution designated to approve corrections of its service records.
    /// A staff id is taken as the caller says it; the security issue replaces this list by signed
    /// tokens carrying roles, so that an approver is authenticated, not just named.
    /// </summary>
    public IReadOnlyList<string> CorrectionAdministrators { get; init; } = [];

    /// <summary>R-RC-3: whether <paramref name="staffId"/> is one of the designated administrators.</summary>
    public bool IsCorrectionAdministrator(string staffId) =>
        CorrectionAdministrators.Contains(staffId.Trim(), StringComparer.Ordinal);
}
