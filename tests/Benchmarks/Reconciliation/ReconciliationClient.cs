using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Benchmarks.Reconciliation;

/// <summary>The city's ReconciliationService, called as an administrator the way an operator's tool would.</summary>
internal sealed class ReconciliationClient(GrpcChannel city, CityAdministrator administrator)
{
    private readonly ServiceClient _service = new(city,
        ReconciliationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ReconciliationService"),
        () =>
        {
            var metadata = new Metadata();
            foreach (var (key, value) in administrator.Headers())
                metadata.Add(key, value);
            return metadata;
        });

    /// <summary>Every district of the city.</summary>
    public Task<Contracts.City.V1.Reconciliation> RunAsync() =>
        _service.UnaryAsync<RunReconciliationRequest, Contracts.City.V1.Reconciliation>("RunReconciliation",
            new RunReconciliationRequest { RequestId = Guid.NewGuid().ToString("N") });

    /// <summary>All of a run's findings, page by page as a client must read them.</summary>
    public async Task<List<ReconciliationFinding>> FindingsAsync(string runId)
    {
        var all = new List<ReconciliationFinding>();
        var token = "";
        do
        {
            var page = await _service.UnaryAsync<ListReconciliationFindingsRequest, ListReconciliationFindingsResponse>("ListReconciliationFindings",
                new ListReconciliationFindingsRequest { ReconciliationId = runId, PageSize = 25, PageToken = token });
            all.AddRange(page.Findings);
            token = page.NextPageToken;
        } while (token.Length > 0);
        return all;
    }
}
