using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Hosting.Certificates;

public enum CertificateHolder { City, District, Institution, Administration }

/// <summary>
/// Who a certificate of our local CA identifies, named by one SAN URI (R-AC-5):
/// <c>urn:healthrecords:city</c>, <c>urn:healthrecords:district:500103</c>,
/// <c>urn:healthrecords:institution:500103C01</c>, or <c>urn:healthrecords:administration</c>
/// (the city administration's tools; the administrator is then named by the call and their token).
/// </summary>
public sealed record CertificateIdentity(CertificateHolder Holder, string Code = "")
{
    private const string Prefix = "urn:healthrecords:";
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    public static CertificateIdentity City { get; } = new(CertificateHolder.City);

    public static CertificateIdentity Administration { get; } = new(CertificateHolder.Administration);

    public static CertificateIdentity District(string code) => new(CertificateHolder.District, code);

    public static CertificateIdentity Institution(string code) => new(CertificateHolder.Institution, code);

    public string Urn => Holder switch
    {
        CertificateHolder.District => $"{Prefix}district:{Code}",
        CertificateHolder.Institution => $"{Prefix}institution:{Code}",
        CertificateHolder.Administration => $"{Prefix}administration",
        _ => $"{Prefix}city",
    };

    /// <summary>The caller this certificate makes calls as; null for the city, which calls no node.</summary>
    public Caller? AsCaller => Holder switch
    {
        CertificateHolder.District => new Caller(CallerKind.District, Code),
        CertificateHolder.Institution => new Caller(CallerKind.Institution, Code),
        _ => null,
    };

    public static CertificateIdentity? Parse(string? uri)
    {
        if (uri is null || !uri.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var parts = uri[Prefix.Length..].Split(':');
        return parts switch
        {
            ["city"] => City,
            ["administration"] => Administration,
            ["district", var code] when IsCode(code) => District(code),
            ["institution", var code] when IsCode(code) => Institution(code),
            _ => null,
        };
    }

    /// <summary>The identity named by the certificate's SAN URIs; null when it names none, or more than one (ambiguous).</summary>
    public static CertificateIdentity? Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var san = certificate.Extensions[SubjectAlternativeNameOid];
        if (san is null)
            return null;
        var identities = SanUris(san.RawData).Select(Parse).Where(i => i is not null).Distinct().ToList();
        return identities.Count == 1 ? identities[0] : null;
    }

    public override string ToString() => Urn;

    private static bool IsCode(string code) => code.Length is > 0 and <= 32 && code.All(char.IsAsciiLetterOrDigit);

    /// <summary>The uniformResourceIdentifier [6] entries of a GeneralNames sequence (RFC 5280 4.2.1.6).</summary>
    private static IEnumerable<string> SanUris(byte[] extension)
    {
        var uris = new List<string>();
        try
        {
            var names = new AsnReader(extension, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(uriTag))
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                else
                    names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            return [];
        }
        return uris;
    }
}
