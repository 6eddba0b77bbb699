using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Hosting;
using HealthRecords.Hosting.Certificates;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>R-AC-5: which caller a certificate's SAN URI names.</summary>
public sealed class CertificateIdentityTests
{
    [Theory]
    [InlineData("urn:healthrecords:city", CertificateHolder.City, "")]
    [InlineData("urn:healthrecords:administration", CertificateHolder.Administration, "")]
    [InlineData("urn:healthrecords:district:500103", CertificateHolder.District, "500103")]
    [InlineData("urn:healthrecords:institution:500103C01", CertificateHolder.Institution, "500103C01")]
    public void Parse_NamesTheHolder(string urn, CertificateHolder holder, string code)
    {
        var identity = CertificateIdentity.Parse(urn);

        Assert.Equal(new CertificateIdentity(holder, code), identity);
        Assert.Equal(urn, identity!.Urn);
    }

    [Theory]
    [InlineData("urn:healthrecords:district:")]
    [InlineData("urn:healthrecords:district")]
    [InlineData("urn:healthrecords:clinic:500103C01")]
    [InlineData("urn:healthrecords:institution:500103C01:extra")]
    [InlineData("urn:healthrecords:institution:500 103")]
    [InlineData("urn:other:district:500103")]
    [InlineData("https://example.org/district/500103")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_RefusesWhatIsNotAnIdentity(string? urn) => Assert.Null(CertificateIdentity.Parse(urn));

    [Fact]
    public void AsCaller_IsTheDistrictOrClinic_AndNobodyForTheCity()
    {
        Assert.Equal(new Caller(CallerKind.District, "500103"), CertificateIdentity.District("500103").AsCaller);
        Assert.Equal(new Caller(CallerKind.Institution, "500103C01"), CertificateIdentity.Institution("500103C01").AsCaller);
        Assert.Null(CertificateIdentity.City.AsCaller);
        Assert.Null(CertificateIdentity.Administration.AsCaller);
    }

    [Fact]
    public void Of_IssuedCertificate_IsItsIdentity()
    {
        using var authority = LocalCertificateAuthority.Create("test", TimeSpan.FromDays(1));
        using var certificate = authority.Issue(CertificateIdentity.District("500105"), serves: true, TimeSpan.FromDays(1));

        Assert.Equal(CertificateIdentity.District("500105"), CertificateIdentity.Of(certificate));
    }

    [Fact]
    public void Of_CertificateWithoutSanUri_IsNobody()
    {
        using var certificate = SelfSigned(names => names.AddDnsName("localhost"));

        Assert.Null(CertificateIdentity.Of(certificate));
    }

    [Fact]
    public void Of_CertificateNamingTwoIdentities_IsNobody()
    {
        // Ambiguous: which one would be the caller?
        using var certificate = SelfSigned(names =>
        {
            names.AddUri(new Uri("urn:healthrecords:district:500103"));
            names.AddUri(new Uri("urn:healthrecords:district:500105"));
        });

        Assert.Null(CertificateIdentity.Of(certificate));
    }

    [Fact]
    public void Of_IgnoresOtherSanUris()
    {
        using var certificate = SelfSigned(names =>
        {
            names.AddUri(new Uri("https://clinic.example.org/"));
            names.AddUri(new Uri("urn:healthrecords:institution:500106C03"));
        });

        Assert.Equal(CertificateIdentity.Institution("500106C03"), CertificateIdentity.Of(certificate));
    }

    private static X509Certificate2 SelfSigned(Action<SubjectAlternativeNameBuilder> name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        name(names);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
