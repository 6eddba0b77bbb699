using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.TestSupport;

/// <summary>The city's ReconciliationService called as a city administrator (or with the given metadata), by tests and benchmarks.</summary>
public sealed class ReconciliationCalls(GrpcChannel city, IEnumerable<KeyValuePair<string, string>> headers)
{
    private readonly ServiceClient _service = new(city,
        ReconciliationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ReconciliationService"),
        () => ToMetadata(headers));

    public static ReconciliationCalls As(GrpcChannel city, CityAdministrator administrator) => new(city, administrator.Headers());

    public Task<Contracts.City.V1.Reconciliation> RunAsync(params string[] districts)
    {
        var request = new RunReconciliationRequest { RequestId = Guid.NewGuid().ToString("N") };
        request.DistrictCodes.AddRange(districts);
        return _service.UnaryAsync<RunReconciliationRequest, Contracts.City.V1.Reconciliation>("RunReconciliation", request);
    }

    public Task<Contracts.City.V1.Reconciliation> RunAsync(RunReconciliationRequest request) =>
        _service.UnaryAsync<RunReconciliationRequest, Contracts.City.V1.Reconciliation>("RunReconciliation", request);

    /// <summary>All of a run's findings, page by page as a client must read them.</summary>
    public async Task<List<ReconciliationFinding>> FindingsAsync(string runId, int pageSize = 25)
    {
        var all = new List<ReconciliationFinding>();
        var token = "";
        do
        {
            var page = await _service.UnaryAsync<ListReconciliationFindingsRequest, ListReconciliationFindingsResponse>("ListReconciliationFindings",
                new ListReconciliationFindingsRequest { ReconciliationId = runId, PageSize = pageSize, PageToken = token });
            all.AddRange(page.Findings);
            token = page.NextPageToken;
        } while (token.Length > 0);
        return all;
    }

    public Task<RepairFindingsResponse> RepairAsync(string runId, string requestId, params string[] recordNumbers)
    {
        var request = new RepairFindingsRequest { RequestId = requestId, ReconciliationId = runId, Reason = "reconciliation found the district's index corrupted" };
        request.RecordNumbers.AddRange(recordNumbers);
        return _service.UnaryAsync<RepairFindingsRequest, RepairFindingsResponse>("RepairFindings", request);
    }

    public Task<ListIndexRepairsResponse> RepairsAsync(string runId) =>
        _service.UnaryAsync<ListIndexRepairsRequest, ListIndexRepairsResponse>("ListIndexRepairs", new ListIndexRepairsRequest { ReconciliationId = runId });

    public Task<ListReconciliationsResponse> HistoryAsync(int pageSize = 0, string pageToken = "") =>
        _service.UnaryAsync<ListReconciliationsRequest, ListReconciliationsResponse>("ListReconciliations",
            new ListReconciliationsRequest { PageSize = pageSize, PageToken = pageToken });

    public static Metadata ToMetadata(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in headers)
            metadata.Add(key, value);
        return metadata;
    }
}
