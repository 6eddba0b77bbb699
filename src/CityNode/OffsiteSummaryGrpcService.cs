using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;
using HealthRecords.Grains.Access;
using AccessBasis = HealthRecords.Grains.Offsite.AccessBasis;
using ResidentAuthorization = HealthRecords.Grains.Offsite.ResidentAuthorization;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.Audit;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode;

/// <summary>
/// healthrecords.city.v1.OffsiteSummaryService: a clinic that serves a resident it does not own sees
/// the off-site summary (R-OS-2, R-OS-4) if <see cref="OffsiteAccess"/> allows it. Every lookup,
/// allowed or refused, is in the access audit log before the answer leaves.
/// </summary>
public sealed class OffsiteSummaryGrpcService(
    RecordGrains grains, ServiceRecordStore services, AccessAuditLog audit, RecordAccessGrants grants, CityTopology topology, PolicyProfile policy,
    TimeProvider clock) : IGrpcService
{
    public const string Action = "offsite_summary";
    private const int MaxTextLength = 200;
    // Enough for any real record's history; the summary shows the last 12 months of it.
    private const int TimelineLimit = 10_000;

    public ServiceDescriptor Descriptor => OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("OffsiteSummaryService");

    public void Bind(ServiceBinder binder) => binder.Unary<GetOffsiteSummaryRequest, Types.OffsiteSummary>(nameof(GetOffsiteSummary), GetOffsiteSummary);

    private async Task<Types.OffsiteSummary> GetOffsiteSummary(GetOffsiteSummaryRequest request, ServerCallContext context)
    {
        var serving = OwnDistrict.ActingInstitution(context, topology, request.ServingInstitutionCode, "serving_institution_code");
        var user = ServingUser(context, serving.Code);
        var staff = RequiredText(request.Staff, "staff");
        var purpose = RequiredText(request.Purpose, "purpose");
        var authorization = OffsiteAccess.Validate((int)(request.Authorization?.Method ?? 0), request.Authorization?.Evidence, request.Authorization is not null);
        int? months = request.MonthsResidentHere;
        if (months < 0)
            throw new DomainValidationException("months_resident_here", $"must not be negative, got {months}");
        var entry = new AuditedAccess(0, clock.UtcNowMs(), context.GetCaller().Code, serving.Code, staff, Action, null, purpose,
            false, "", (int?)authorization?.Method, authorization?.Evidence, user.User, user.Role.Name());

        var record = await FindAsync(request, context.CancellationToken);
        if (record is null)
        {
            await audit.AppendAsync(entry with { Basis = "not_found", OutcomeCode = (int)StatusCode.NotFound, OutcomeReason = "not_found" }, context.CancellationToken);
            context.NoteAuditedByService();
            throw new RpcException(new Status(StatusCode.NotFound, "No record of this resident in the city's index."));
        }

        var today = clock.Today();
        var timeline = await services.ListForRecordAsync(record.Number.Value, null, TimelineLimit, context.CancellationToken);
        var populations = KeyPopulations.Of(record.Profile.DateOfBirth, record.Profile.Sex, timeline, today);
        // R-OS-2: the resident's authorization counts only as a grant the city verified for this user.
        var grant = (await grants.InForceAsync(record.Number.Value, serving.Code, user.User, clock.GetUtcNow(), context.CancellationToken))
            .FirstOrDefault(g => g.Basis == Grains.Access.AccessBasis.ResidentAuthorization);
        var decision = OffsiteAccess.Decide(serving.Code, record, populations, grant, months, policy);
        var auditId = await audit.AppendAsync(entry with
        {
            RecordNumber = record.Number.Value, Allowed = decision.Allowed, Basis = decision.AuditBasis,
            AuthorizationEvidence = decision.Basis == AccessBasis.ResidentAuthorization ? Evidence(grant!, authorization) : entry.AuthorizationEvidence,
            OutcomeCode = (int)(decision.Allowed ? StatusCode.OK : decision.DeniedUnder == OffsiteAccess.NotKeyPopulation ? StatusCode.PermissionDenied : StatusCode.FailedPrecondition),
            OutcomeReason = decision.Allowed ? null : decision.DeniedUnder,
        }, context.CancellationToken);
        context.NoteAuditedByService();
        if (decision.Basis is not { } basis)
            throw Refusal(decision, record.Number, auditId);
        return OffsiteSummary.Build(record, basis, populations, timeline, today).ToProto(topology, auditId);
    }

    /// <summary>R-AC-5: a lookup is made by a signed-in user of the serving clinic, whose grants decide R-OS-2.</summary>
    private static Principal ServingUser(ServerCallContext context, string servingInstitution)
    {
        var principal = context.RequirePrincipal();
        if (!principal.Role.IsClinicStaff() || principal.Institution != servingInstitution)
            throw RpcErrors.WithErrorInfo(StatusCode.PermissionDenied,
                $"{principal} is not staff of the serving clinic {servingInstitution}.", "NOT_SERVING_CLINIC_STAFF", "healthrecords",
                new Dictionary<string, string> { ["rule"] = OffsiteAccess.NotKeyPopulation, ["serving_institution_code"] = servingInstitution });
        return principal;
    }

    /// <summary>The audit names the verified grant, and what the clinic stated of the consent, if anything.</summary>
    private static string Evidence(Grains.Access.AccessGrant grant, ResidentAuthorization? stated) =>
        stated is null ? $"grant {grant.GrantId}" : $"grant {grant.GrantId}; {stated.Evidence}";

    private async Task<RecordState?> FindAsync(GetOffsiteSummaryRequest request, CancellationToken cancellationToken) => request.ResidentCase switch
    {
        GetOffsiteSummaryRequest.ResidentOneofCase.RecordNumber =>
            await grains.GetAsync(DomainErrors.ParseRecordNumber(request.RecordNumber), cancellationToken),
        GetOffsiteSummaryRequest.ResidentOneofCase.Identity =>
            await grains.FindAsync(IdentityKey.FromInput(request.Identity.ToDomain(), clock.Today()), cancellationToken),
        _ => throw new DomainValidationException("record_number", "give the resident's record_number or identity"),
    };

    /// <summary>R-OS-2: PERMISSION_DENIED naming the rule; R-OS-1 (lived here too long): FAILED_PRECONDITION, transfer instead.</summary>
    private static RpcException Refusal(OffsiteAccessDecision decision, RecordNumber number, long auditId) =>
        decision.DeniedUnder == OffsiteAccess.NotKeyPopulation
            ? RpcErrors.WithErrorInfo(StatusCode.PermissionDenied, $"{decision.DeniedUnder}: {decision.DenialReason}", "NOT_KEY_POPULATION", "healthrecords",
                new Dictionary<string, string> { ["rule"] = decision.DeniedUnder, ["record_number"] = number.Value, ["audit_id"] = auditId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : RpcErrors.FailedPrecondition($"{decision.DeniedUnder}: {decision.DenialReason}", decision.DeniedUnder!, number.Value, decision.DenialReason!);

    private static string RequiredText(string? value, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            throw new DomainValidationException(field, "must not be empty");
        if (text.Length > MaxTextLength)
            throw new DomainValidationException(field, $"must be at most {MaxTextLength} characters, got {text.Length}");
        return text;
    }
}
