using Google.Protobuf.Reflection;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Rpc;
using District = HealthRecords.Contracts.District.V1;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent;

/// <summary>The resident's authorization of this clinic's user (R-AC-2): the city sends the resident a code, the user confirms it.</summary>
public sealed partial class DistrictConnection
{
    private static readonly ServiceDescriptor RecordAccess =
        District.RecordAccessReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordAccessService");

    private readonly ServiceClient _recordAccess;

    /// <summary>The city texts a one-time code to the resident's phone; the challenge says where (masked) and until when.</summary>
    public Task<ResidentAuthorizationChallenge> RequestResidentCodeAsync(string recordNumber, string purpose, CancellationToken cancellationToken = default) =>
        Call<RequestResidentAuthorizationRequest, ResidentAuthorizationChallenge>("RequestResidentAuthorization",
            new RequestResidentAuthorizationRequest { RecordNumber = recordNumber, Purpose = purpose }, cancellationToken, _recordAccess);

    /// <summary>The code the resident read out: a time-limited grant for this user, verified by the city.</summary>
    public Task<Types.AccessGrant> ConfirmResidentCodeAsync(string challengeId, string code, CancellationToken cancellationToken = default) =>
        Call<ConfirmResidentAuthorizationRequest, Types.AccessGrant>("ConfirmResidentAuthorization",
            new ConfirmResidentAuthorizationRequest { ChallengeId = challengeId, Code = code }, cancellationToken, _recordAccess);
}
