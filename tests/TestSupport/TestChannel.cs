using System.Security.Cryptography.X509Certificates;
using HealthRecords.Rpc;

namespace HealthRecords.TestSupport;

/// <summary>Channels of the tests: to a node under mutual TLS, each call with its caller's certificate (or to a cleartext node).</summary>
public static class TestChannel
{
    /// <param name="withoutHeader">The certificate of calls that name no caller (default <see cref="TestCertificates.Unnamed"/>).</param>
    public static GrpcChannel For(string address, X509Certificate2? withoutHeader = null) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new CallerCertificateHandler(withoutHeader), DisposeHttpHandler = true });

    /// <summary>A channel that presents exactly this certificate, whatever its calls claim (tests of what the node makes of it).</summary>
    public static GrpcChannel WithCertificate(string address, X509Certificate2? certificate) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { ClientCertificate = certificate, TrustedServerCa = TestCertificates.Ca });

    /// <summary>A clinic's connection to its district, with the clinic's certificate.</summary>
    public static ClinicAgent.DistrictConnection Clinic(string districtAddress, string institutionCode) =>
        new(districtAddress, institutionCode, channelOptions: TestCertificates.ClientOptions(Hosting.Certificates.CertificateIdentity.Institution(institutionCode)));
}
