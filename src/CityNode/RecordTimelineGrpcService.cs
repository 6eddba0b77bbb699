using HealthRecords.CityNode.Access;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>healthrecords.city.v1.RecordTimelineService: a record's services, its derived homepage, lateness per institution.</summary>
public sealed class RecordTimelineGrpcService(ServiceRecordStore services, RecordReadAuthorization readers, CityTopology topology, TimeProvider clock) : IGrpcService
{
    // A homepage lists a record's whole history; a record with more services than this is paged by ListServiceRecords.
    private const int HomepageServiceLimit = 10_000;

    public ServiceDescriptor Descriptor => RecordHomepageReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RecordTimelineService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<GetRecordHomepageRequest, RecordHomepage>(nameof(GetRecordHomepage), GetRecordHomepage)
        .Unary<ListServiceRecordsRequest, ListServiceRecordsResponse>(nameof(ListServiceRecords), ListServiceRecords)
        .Unary<ListUploadLatenessRequest, ListUploadLatenessResponse>(nameof(ListUploadLateness), ListUploadLateness);

    /// <summary>
    /// R-RC-2: derived from the service records on every read; nothing on it is typed by hand. Only
    /// from what the reader may see (R-AC-1, R-AC-3), so withheld services leave no tag behind.
    /// </summary>
    private async Task<RecordHomepage> GetRecordHomepage(GetRecordHomepageRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var (record, decision) = await readers.AuthorizeAsync(context, number);
        number = record.Number; // R-MG-3: the survivor's, when asked by a merged-away number
        var (timeline, withheld) = decision.Filter(await services.ListForRecordAsync(number.Value, null, HomepageServiceLimit, context.CancellationToken), s => s.Protection);
        var facts = new ResidentFacts(record.Status, record.Profile.DateOfBirth, DateOfDeath: null, record.Profile.Sex);
        var homepage = HomepageDerivation.Derive(facts, record.Profile.Sex, timeline, clock.Today());
        var response = new RecordHomepage
        {
            RecordNumber = number.Value,
            LastServiceDate = homepage.LastServiceDate.ToProto(),
            AccessBasis = decision.Basis!.Value.ToProto(),
            Withheld = withheld.ToProto(),
        };
        response.Tags.AddRange(homepage.Tags.Select(t => (Contracts.City.V1.HealthTag)(int)t));
        response.Activities.AddRange(homepage.Activities.Select(a =>
        {
            var activity = new RecordHomepage.Types.Activity
            {
                Date = ((DateOnly?)a.Date).ToProto(),
                InstitutionCode = a.InstitutionCode,
                Kind = (Types.ServiceKind)(int)a.Kind,
                Report = a.Report ?? "",
                CostFen = a.CostFen,
                Late = a.Late,
            };
            activity.MainProblems.AddRange(a.MainProblems);
            return activity;
        }));
        return response;
    }

    private async Task<ListServiceRecordsResponse> ListServiceRecords(ListServiceRecordsRequest request, ServerCallContext context)
    {
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var (record, decision) = await readers.AuthorizeAsync(context, number);
        var pageSize = Paging.PageSize(request.PageSize);
        // R-MG-3: the survivor's timeline, when asked by a merged-away number.
        var fetched = await services.ListForRecordAsync(record.Number.Value, Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, ServiceRecordStore.PageKey);
        // R-AC-3: a page may hold fewer records than asked when some are withheld; the response counts them.
        var (shown, withheld) = decision.Filter(items, s => s.Protection);
        var response = new ListServiceRecordsResponse { NextPageToken = next, AccessBasis = decision.Basis!.Value.ToProto(), Withheld = withheld.ToProto() };
        response.Records.AddRange(shown.Select(r => r.ToProto()));
        return response;
    }

    /// <summary>R-RC-4: lateness is reported per institution.</summary>
    private async Task<ListUploadLatenessResponse> ListUploadLateness(ListUploadLatenessRequest request, ServerCallContext context)
    {
        var district = ProtoMapping.NullIfEmpty(request.DistrictCode);
        if (district is not null && topology.FindDistrict(district) is null)
            throw new DomainValidationException([new FieldViolation("district_code", $"'{district}' is not a district of {topology.CityName}.")]);
        var pageSize = Paging.PageSize(request.PageSize);
        var fetched = await services.LatenessAsync(district, Paging.AfterKey(request.PageToken), pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, r => r.InstitutionCode);
        var response = new ListUploadLatenessResponse { NextPageToken = next };
        response.Institutions.AddRange(items.Select(r => new UploadLateness { InstitutionCode = r.InstitutionCode, Uploads = r.Uploads, Late = r.Late }));
        return response;
    }
}
