using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Audit;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using HealthRecords.Storage.City;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.CityNode.Access;

/// <summary>
/// healthrecords.city.v1.RecordAccessService (R-AC-2): the resident's one-time code and break-the-glass
/// emergency access, for clinicians of institutions that do not manage the record.
/// </summary>
public sealed class RecordAccessGrpcService(
    RecordGrains grains, RecordAccessGrants grants, DistrictEventLog districtLogs, ResidentCodeSender sms, PolicyProfile policy, TimeProvider clock) : IGrpcService
{
    public ServiceDescriptor Descriptor => RecordAccessReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RecordAccessService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestResidentAuthorizationRequest, ResidentAuthorizationChallenge>(nameof(RequestResidentAuthorization), RequestResidentAuthorization)
        .Unary<ConfirmResidentAuthorizationRequest, Types.AccessGrant>(nameof(ConfirmResidentAuthorization), ConfirmResidentAuthorization)
        .Unary<DeclareEmergencyAccessRequest, Types.AccessGrant>(nameof(DeclareEmergencyAccess), DeclareEmergencyAccess)
        .Unary<ListAccessGrantsRequest, ListAccessGrantsResponse>(nameof(ListAccessGrants), ListAccessGrants);

    private async Task<ResidentAuthorizationChallenge> RequestResidentAuthorization(RequestResidentAuthorizationRequest request, ServerCallContext context)
    {
        var clinician = context.RequireOperation(Operation.RequestRecordAccess);
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        if (string.IsNullOrWhiteSpace(request.Purpose))
            throw new DomainValidationException("purpose", "must say why the record is to be read (kept with the grant and in the audit log).");
        var record = await grains.GetAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
        var phone = record.Profile.Phone ?? throw RpcErrors.WithErrorInfo(StatusCode.FailedPrecondition,
            $"Record {number} has no phone number to send the resident's code to; the owning clinic can add one (R-AC-2).", "RESIDENT_HAS_NO_PHONE", "healthrecords");
        var now = clock.GetUtcNow();
        var code = ResidentCodes.NewCode();
        var challenge = ResidentCodes.Issue($"rc-{Guid.NewGuid():N}", clinician, number.Value, request.Purpose.Trim(), code,
            ResidentCodeSender.Mask(phone), now, policy.Access);
        await grants.AddChallengeAsync(challenge, context.CancellationToken);
        await sms.SendAsync(phone,
            $"【健康档案】{clinician.Institution} 的 {clinician.User} 申请查阅您的健康档案，授权码 {code}，{policy.Access.ResidentCodeValidity.TotalMinutes:0} 分钟内有效。如非本人就诊请勿告知他人。",
            now, context.CancellationToken);
        context.NoteAccess(new AccessNote(number.Value, challenge.Purpose, "resident code sent", challenge.ChallengeId));
        return new ResidentAuthorizationChallenge
        {
            ChallengeId = challenge.ChallengeId,
            RecordNumber = number.Value,
            SentTo = challenge.SentTo,
            ExpiresAt = Timestamp.FromDateTimeOffset(challenge.ExpiresAt),
            AttemptsAllowed = challenge.AttemptsLeft,
        };
    }

    private async Task<Types.AccessGrant> ConfirmResidentAuthorization(ConfirmResidentAuthorizationRequest request, ServerCallContext context)
    {
        var clinician = context.RequireOperation(Operation.RequestRecordAccess);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.ChallengeId)) violations.Add(new("challenge_id", "is required."));
        if (string.IsNullOrWhiteSpace(request.Code)) violations.Add(new("code", $"is required: the {ResidentCodes.Digits}-digit code the resident received."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        var now = clock.GetUtcNow();
        var outcome = await grants.ConfirmAsync(request.ChallengeId.Trim(), c => ResidentCodes.Confirm(c, clinician, request.Code, now, policy.Access), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"There is no resident code challenge {request.ChallengeId}."));
        context.NoteAccess(new AccessNote(outcome.Challenge.RecordNumber, outcome.Challenge.Purpose,
            outcome.Denial is { } d ? $"{d.Rule} {d.Reason}" : "resident authorization confirmed", outcome.Grant?.GrantId ?? outcome.Challenge.ChallengeId));
        return outcome.Denial is { } denial ? throw denial.ToRpcException() : outcome.Grant!.ToProto();
    }

    /// <summary>R-AC-2: allowed at once, with a reason, for a short time; the owner's district log tells the owner in the same commit.</summary>
    private async Task<Types.AccessGrant> DeclareEmergencyAccess(DeclareEmergencyAccessRequest request, ServerCallContext context)
    {
        var clinician = context.RequireOperation(Operation.RequestRecordAccess);
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(request.RequestId)) violations.Add(new("request_id", "is required: a repeated declaration must be recognisable."));
        if (request.Kind is not (Contracts.City.V1.EmergencyKind.LifeAtRisk or Contracts.City.V1.EmergencyKind.PublicHealthEmergency))
            violations.Add(new("kind", "must be LIFE_AT_RISK or PUBLIC_HEALTH_EMERGENCY (R-AC-2)."));
        if ((request.Reason?.Trim().Length ?? 0) < Grains.Access.EmergencyAccess.MinimumReasonLength)
            violations.Add(new("reason", $"must state the emergency in at least {Grains.Access.EmergencyAccess.MinimumReasonLength} characters (R-AC-2)."));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        var record = await grains.GetAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
        var facts = RecordAccessFacts.Of(record);
        var now = clock.GetUtcNow();
        var grant = Grains.Access.EmergencyAccess.Declare(GrantId(clinician, request.RequestId), clinician, facts, (Grains.Access.EmergencyKind)(int)request.Kind,
            request.Reason!, now, policy.Access);
        var stored = await grants.AddGrantAsync(grant,
            scope => districtLogs.AppendAsync(scope, record.OwnerDistrict, new EmergencyAccessDeclared(now, grant, record.OwnerInstitution), context.CancellationToken),
            context.CancellationToken);
        context.NoteAccess(new AccessNote(number.Value, "emergency", stored.Reason, stored.GrantId));
        return stored.ToProto();
    }

    /// <summary>The owner and administrators see who was given access to a record, and why.</summary>
    private async Task<ListAccessGrantsResponse> ListAccessGrants(ListAccessGrantsRequest request, ServerCallContext context)
    {
        var principal = context.RequirePrincipal();
        var number = DomainErrors.ParseRecordNumber(request.RecordNumber);
        var record = await grains.GetAsync(number, context.CancellationToken) ?? throw new RecordNotFoundException(number);
        var manages = principal.Role switch
        {
            Role.InstitutionAdministrator or Role.RecordManager or Role.Clinician => principal.Institution == record.OwnerInstitution,
            Role.DistrictAdministrator => principal.Institution == record.OwnerDistrict,
            Role.CityAdministrator => true,
            _ => false,
        };
        if (!manages)
            throw new AccessDenial("NOT_OWNING_INSTITUTION", "R-AC-5", $"The access grants of record {number} are for its owner and administrators.").ToRpcException();
        var pageSize = Paging.PageSize(request.PageSize);
        var after = TimedPageTokens.After(request.PageToken);
        var fetched = await grants.ForRecordAsync(number.Value, after, pageSize + 1, context.CancellationToken);
        var (items, next) = Paging.Cut(fetched, pageSize, g => TimedPageTokens.Key(g.GrantedAt.ToUnixTimeMilliseconds(), g.GrantId));
        context.NoteAccess(new AccessNote(number.Value, "management", "access grants listed"));
        var response = new ListAccessGrantsResponse { NextPageToken = next };
        response.Grants.AddRange(items.Select(g => g.ToProto()));
        return response;
    }

    /// <summary>The same request of the same clinician names the same grant, so a retry changes nothing.</summary>
    private static string GrantId(Principal clinician, string requestId) =>
        "em-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{clinician.Institution}\u001f{clinician.User}\u001f{requestId.Trim()}")))[..24].ToLowerInvariant();
}
