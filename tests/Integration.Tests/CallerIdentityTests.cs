using Google.Protobuf.Reflection;
using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>Every call is made by an identified node or institution; nobody else gets an answer.</summary>
public sealed class CallerIdentityTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task UnknownInstitution_IsPermissionDenied()
    {
        using var stranger = TestChannel.Clinic(fixture.Federation.Districts["500103"].Address, "999999X01");

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            stranger.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(920_001), "999999X01", "500103001001")));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("CALLER_NOT_ALLOWED", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task ClinicOfAnotherDistrict_IsPermissionDenied()
    {
        // Institutions belong to exactly one district; a district serves its own clinics only.
        using var wrongDistrict = TestChannel.Clinic(fixture.Federation.Districts["500105"].Address, "500103C01");

        var e = await Assert.ThrowsAsync<RpcException>(() => wrongDistrict.LookupAsync(new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(1) }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("500103C01", e.Status.Detail);
    }

    [Fact]
    public async Task ClinicEnrollingForAnotherClinic_IsPermissionDenied()
    {
        using var clinic = fixture.Clinic("500103C01");

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(920_002), "500103C02", "500103002001")));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("NOT_OWN_INSTITUTION", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task CallWithoutCallerIdentity_IsUnauthenticated()
    {
        using var channel = TestChannel.For(fixture.Federation.Districts["500103"].Address);
        var gateway = new ServiceClient(channel, District.DistrictGatewayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictGateway"));

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.UnaryAsync<District.LookupEnrollmentRequest, District.LookupEnrollmentResponse>("LookupEnrollment",
                new District.LookupEnrollmentRequest { Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(1) } }));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task ClinicCallingTheCityDirectly_IsPermissionDenied()
    {
        // Clinics reach the city through their district (CQ art. 20).
        using var channel = TestChannel.For(fixture.Federation.City.Address);
        var city = new ServiceClient(channel, MasterIndexReflection.Descriptor.FindTypeByName<ServiceDescriptor>("MasterIndexService"),
            () => new Metadata { { "hr-caller", "institution:500103C01" } });

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            city.UnaryAsync<LookupEnrollmentRequest, LookupEnrollmentResponse>("LookupEnrollment",
                new LookupEnrollmentRequest { Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(1) } }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task DistrictActingForAnotherDistrictsClinic_IsPermissionDeniedByTheCity()
    {
        using var channel = TestChannel.For(fixture.Federation.City.Address);
        var city = new ServiceClient(channel, MasterIndexReflection.Descriptor.FindTypeByName<ServiceDescriptor>("MasterIndexService"),
            () => new Metadata { { "hr-caller", "district:500105" } });
        var request = new EnrollResidentRequest
        {
            RequestId = "x", EnrollingInstitutionCode = "500103C01", EnrolledBy = "someone", ResidenceCommitteeCode = "500103001001",
            Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(920_003) },
            Profile = new ResidentProfile { Name = "某人" },
        };

        var e = await Assert.ThrowsAsync<RpcException>(() => city.UnaryAsync<EnrollResidentRequest, EnrollResidentResponse>("EnrollResident", request));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("NOT_OWN_DISTRICT", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }
}
