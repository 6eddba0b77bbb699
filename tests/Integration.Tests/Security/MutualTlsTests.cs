using System.Security.Cryptography.X509Certificates;
using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Hosting.Certificates;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>R-AC-5: nodes authenticate their callers by client certificates of the federation's CA, and take the caller's identity from them.</summary>
public sealed class MutualTlsTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private static readonly CertificateIdentity Yuzhong = CertificateIdentity.Institution("500103C01");

    [Fact]
    public async Task Connection_WithoutClientCertificate_IsRefused()
    {
        // R-AC-5: not even the open health service answers a connection without a certificate.
        var district = fixture.Federation.Districts["500103"].Address;
        using var anonymous = TestChannel.WithCertificate(district, null);
        using var known = TestChannel.WithCertificate(district, TestCertificates.For(Yuzhong));

        var e = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(anonymous));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await HealthAsync(known)).Status);
    }

    [Fact]
    public async Task Certificate_FromAnotherCa_IsRefused()
    {
        // R-AC-5: a certificate naming a real clinic, but not signed by the federation's CA.
        using var rogueCa = LocalCertificateAuthority.Create("Rogue CA", TimeSpan.FromDays(1));
        using var forged = rogueCa.Issue(Yuzhong, serves: false, TimeSpan.FromDays(1));
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500103"].Address, Reloaded(forged));

        var e = await Assert.ThrowsAsync<RpcException>(() => LookupAsync(channel, callerHeader: null));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Fact]
    public async Task Call_WithoutCallerHeader_IsMadeAsTheCertificatesClinic()
    {
        // R-AC-5: the certificate alone identifies the clinic.
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500103"].Address, TestCertificates.For(Yuzhong));

        var answer = await LookupAsync(channel, callerHeader: null);

        Assert.False(answer.Enrolled);
    }

    [Fact]
    public async Task ClinicOfDistrictA_CannotReachDistrictB()
    {
        // R-AC-5: district 500105 serves its own clinics; the certificate of a 500103 clinic gets nothing there.
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500105"].Address, TestCertificates.For(Yuzhong));

        var e = await Assert.ThrowsAsync<RpcException>(() => LookupAsync(channel, callerHeader: null));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("CALLER_NOT_ALLOWED", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
        Assert.Contains("500103C01", e.Status.Detail);
    }

    [Fact]
    public async Task CallerHeader_ContradictingTheCertificate_IsRefused()
    {
        // R-AC-5: clinic C01's certificate cannot speak for clinic C02 of the same district.
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500103"].Address, TestCertificates.For(Yuzhong));

        var e = await Assert.ThrowsAsync<RpcException>(() => LookupAsync(channel, callerHeader: "institution:500103C02"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var info = e.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.Equal("CALLER_CERTIFICATE_MISMATCH", info.Reason);
        Assert.Equal(Yuzhong.Urn, info.Metadata["certificate"]);
    }

    [Fact]
    public async Task DistrictCertificate_CannotCallTheCityAsAnotherDistrict()
    {
        // R-AC-5: district 500105's certificate, claiming to be district 500103 at the city.
        using var channel = TestChannel.WithCertificate(fixture.Federation.City.Address, TestCertificates.For(CertificateIdentity.District("500105")));
        var city = new ServiceClient(channel, MasterIndexReflection.Descriptor.FindTypeByName<ServiceDescriptor>("MasterIndexService"),
            () => CallerMetadata.For("district:500103"));

        var e = await Assert.ThrowsAsync<RpcException>(() => city.UnaryAsync<LookupEnrollmentRequest, LookupEnrollmentResponse>("LookupEnrollment",
            new LookupEnrollmentRequest { Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(970_001) } }));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("CALLER_CERTIFICATE_MISMATCH", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task Certificate_NamingNoCaller_IsUnauthenticated()
    {
        // R-AC-5: signed by the federation's CA, but naming nobody the node could authorize.
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500103"].Address, TestCertificates.Unnamed);

        var e = await Assert.ThrowsAsync<RpcException>(() => LookupAsync(channel, callerHeader: "institution:500103C01"));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("CALLER_CERTIFICATE_UNKNOWN", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task CitysOwnCertificate_CallsNoNode()
    {
        // R-AC-5: the city's certificate identifies a server; it is no caller of a district.
        using var channel = TestChannel.WithCertificate(fixture.Federation.Districts["500103"].Address, TestCertificates.For(CertificateIdentity.City));

        var e = await Assert.ThrowsAsync<RpcException>(() => LookupAsync(channel, callerHeader: null));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("CALLER_NOT_ALLOWED", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    private static Task<HealthCheckResponse> HealthAsync(GrpcChannel channel) =>
        new ServiceClient(channel, HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health"))
            .UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check", new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(10)));

    /// <summary>A lookup at a district node, as the clinic clinician's token says, with or without an hr-caller header.</summary>
    private static Task<District.LookupEnrollmentResponse> LookupAsync(GrpcChannel channel, string? callerHeader)
    {
        var headers = new Metadata { { "authorization", TestTokens.Clinician(Yuzhong.Code) } };
        if (callerHeader is not null)
            headers.Add("hr-caller", callerHeader);
        var gateway = new ServiceClient(channel, District.DistrictGatewayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DistrictGateway"));
        return gateway.UnaryAsync<District.LookupEnrollmentRequest, District.LookupEnrollmentResponse>("LookupEnrollment",
            new District.LookupEnrollmentRequest { Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(970_002) } },
            new CallOptions(Headers: headers, Deadline: DateTime.UtcNow.AddSeconds(10)));
    }

    private static X509Certificate2 Reloaded(X509Certificate2 certificate) =>
        X509Certificate2.CreateFromPem(certificate.ExportCertificatePem(), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
}
