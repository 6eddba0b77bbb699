using System.Collections.Concurrent;

namespace HealthRecords.CityNode.Reconciliation;

/// <summary>The districts connected to this city process for reconciliation; a district's newest stream replaces its older one.</summary>
public sealed class DistrictDigestLinks
{
    private readonly ConcurrentDictionary<string, DistrictDigestLink> _links = new(StringComparer.Ordinal);

    public DistrictDigestLink Open(string districtCode)
    {
        var link = new DistrictDigestLink(districtCode);
        _links.AddOrUpdate(districtCode, link, (_, older) => { older.Close(); return link; });
        return link;
    }

    public void Closed(DistrictDigestLink link)
    {
        link.Close();
        _links.TryRemove(new KeyValuePair<string, DistrictDigestLink>(link.DistrictCode, link));
    }

    public DistrictDigestLink? Find(string districtCode) => _links.GetValueOrDefault(districtCode);
}
