using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.Integration.Tests.History;

/// <summary>
/// When the history is over and the nodes are quiet: waits (at most <see cref="QuietDeadline"/>) for
/// each district's index and counts to equal the city's (R-CN-2), then compares both with the model:
/// per clinic managed and archived counts (R-CN-1), each record once with one owner (R-ID-1), its
/// owner, status and pending transfer, and every transfer's final state.
/// </summary>
internal sealed class HistoryVerifier(HistoryClients clients, RetryingCaller caller, IReadOnlyList<LaneModel> lanes)
{
    public static readonly TimeSpan QuietDeadline = TimeSpan.FromSeconds(60);

    public async Task<List<string>> VerifyAsync()
    {
        var problems = new List<string>();
        var snapshot = await WaitUntilTiersAgreeAsync(problems);
        var records = lanes.SelectMany(l => l.Records).ToList();
        CompareCounts(problems, snapshot, records);
        CompareRecords(problems, snapshot, records);
        await CompareTransfersAsync(problems, records);
        return problems;
    }

    private async Task<Dictionary<string, TierSnapshot>> WaitUntilTiersAgreeAsync(List<string> problems)
    {
        var deadline = DateTime.UtcNow + QuietDeadline;
        while (true)
        {
            var snapshot = new Dictionary<string, TierSnapshot>(StringComparer.Ordinal);
            foreach (var code in clients.DistrictCodes)
                snapshot[code] = await TierSnapshot.TakeAsync(clients, caller, code);
            var disagreeing = snapshot.Values.Where(s => !s.TiersAgree).ToList();
            if (disagreeing.Count == 0)
            {
                problems.AddRange(snapshot.Values.Where(s => !s.EntriesIdentical)
                    .Select(s => $"R-CN-2: district {s.District}'s index agrees with the city on owners, statuses and versions, but not on every field its index copies: {s.FieldDifferences()}"));
                return snapshot;
            }
            if (DateTime.UtcNow > deadline)
            {
                problems.AddRange(disagreeing.Select(s => $"R-CN-2: district {s.District} still differs from the city {QuietDeadline.TotalSeconds} s after the history: {s.Difference()}"));
                return snapshot;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>R-CN-1: managed = active, archived = lost, deceased, moved out; per clinic and per district, at both tiers.</summary>
    private static void CompareCounts(List<string> problems, Dictionary<string, TierSnapshot> snapshot, List<ModelRecord> records)
    {
        foreach (var (code, tiers) in snapshot)
        {
            foreach (var (tier, counts) in new[] { ("city", tiers.CityCounts), ("district", tiers.DistrictCounts) })
            {
                foreach (var count in counts)
                {
                    var mine = records.Where(r => r.OwnerDistrict == code && (count.InstitutionCode.Length == 0 || r.Owner == count.InstitutionCode)).ToList();
                    var (managed, archived) = (mine.Count(r => !r.Archived), mine.Count(r => r.Archived));
                    if (count.Managed != managed || count.Archived != archived)
                        problems.Add($"R-CN-1: {tier} counts {(count.InstitutionCode.Length == 0 ? $"district {code}" : count.InstitutionCode)} managed {count.Managed} archived {count.Archived}, the history says managed {managed} archived {archived}");
                }
                if (counts.Count(c => c.InstitutionCode.Length > 0) != 3)
                    problems.Add($"{tier} of {code} lists {counts.Count} count rows: {string.Join(" ", counts)}");
            }
        }
    }

    /// <summary>R-ID-1: every record exactly once across the city's districts, owned as the history says; each district holds the city's entries.</summary>
    private static void CompareRecords(List<string> problems, Dictionary<string, TierSnapshot> snapshot, List<ModelRecord> records)
    {
        var cityEntries = snapshot.Values.SelectMany(s => s.CityRecords).ToList();
        foreach (var twice in cityEntries.GroupBy(e => e.RecordNumber).Where(g => g.Count() > 1))
            problems.Add($"R-ID-1: record {twice.Key} is listed {twice.Count()} times by the city: owners {string.Join(", ", twice.Select(e => e.OwningInstitutionCode))}");
        var byNumber = cityEntries.GroupBy(e => e.RecordNumber).ToDictionary(g => g.Key, g => g.First());
        foreach (var unknown in byNumber.Keys.Except(records.Select(r => r.Number)))
            problems.Add($"the city lists record {unknown}, which the history never enrolled");
        foreach (var r in records)
        {
            if (!byNumber.TryGetValue(r.Number, out var entry))
            {
                problems.Add($"record {r} is missing from the city's index of every district");
                continue;
            }
            var pending = r.Pending?.Id ?? "";
            if (entry.OwningInstitutionCode != r.Owner || entry.OwningDistrictCode != r.OwnerDistrict || entry.Status != r.Status || entry.PendingTransferId != pending)
                problems.Add($"record {r.Number}: the city has owner {entry.OwningInstitutionCode} ({entry.OwningDistrictCode}) {entry.Status} pending '{entry.PendingTransferId}', the history {r}");
            var district = snapshot[r.OwnerDistrict].DistrictRecords.FirstOrDefault(e => e.RecordNumber == r.Number);
            if (district is null || district.OwningInstitutionCode != r.Owner || district.Status != r.Status)
                problems.Add($"record {r.Number}: district {r.OwnerDistrict} has {(district is null ? "no entry" : $"owner {district.OwningInstitutionCode} {district.Status}")}, the history {r}");
        }
    }

    /// <summary>R-TR-2: every transfer ends as the history says (completed, rejected, expired, or still pending).</summary>
    private async Task CompareTransfersAsync(List<string> problems, List<ModelRecord> records)
    {
        foreach (var t in records.SelectMany(r => r.Transfers))
        {
            var district = t.From[..6];
            var answer = await caller.CallAsync($"GetTransfer {t.Id}", o => clients.Of(district).GetTransferAsync(t.Id, HistoryClients.As(o, $"district:{district}")));
            if (!answer.Ok || answer.Response!.State != t.State || answer.Response.ToInstitutionCode != t.To)
                problems.Add($"transfer {t}: the platform has {(answer.Ok ? $"{answer.Response!.State} to {answer.Response.ToInstitutionCode}" : answer.ToString())}");
        }
    }
}
