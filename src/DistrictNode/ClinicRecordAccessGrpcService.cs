using HealthRecords.Contracts.City.V1;
using HealthRecords.Hosting.Security;
using HealthRecords.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Types = HealthRecords.Contracts.Types.V1;

namespace HealthRecords.DistrictNode;

/// <summary>healthrecords.district.v1.ClinicRecordAccessService: the city's resident codes and emergency access (R-AC-2) for this district's clinicians, with their token.</summary>
public sealed class ClinicRecordAccessGrpcService(CityClient city) : IGrpcService
{
    public ServiceDescriptor Descriptor => Contracts.District.V1.RecordAccessReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicRecordAccessService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<RequestResidentAuthorizationRequest, ResidentAuthorizationChallenge>("RequestResidentAuthorization", Relay<RequestResidentAuthorizationRequest, ResidentAuthorizationChallenge>("RequestResidentAuthorization"))
        .Unary<ConfirmResidentAuthorizationRequest, Types.AccessGrant>("ConfirmResidentAuthorization", Relay<ConfirmResidentAuthorizationRequest, Types.AccessGrant>("ConfirmResidentAuthorization"))
        .Unary<DeclareEmergencyAccessRequest, Types.AccessGrant>("DeclareEmergencyAccess", Relay<DeclareEmergencyAccessRequest, Types.AccessGrant>("DeclareEmergencyAccess"))
        .Unary<ListAccessGrantsRequest, ListAccessGrantsResponse>("ListAccessGrants", Relay<ListAccessGrantsRequest, ListAccessGrantsResponse>("ListAccessGrants"));

    private UnaryServerMethod<TRequest, TResponse> Relay<TRequest, TResponse>(string method)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        (request, context) =>
        {
            context.RequirePrincipal(); // R-AC-5: a user, not just the clinic's node
            return city.RelayRecordAccessAsync<TRequest, TResponse>(method, request, context);
        };
}
