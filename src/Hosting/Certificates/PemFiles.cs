using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Hosting.Certificates;

/// <summary>A certificate as <c>NAME.pem</c> and its private key as <c>NAME.key</c>, readable by the owner only.</summary>
public static class PemFiles
{
    public static (string Certificate, string Key) Write(string directory, string name, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, $"{name}.pem");
        var keyPath = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        WritePrivate(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>Created empty with mode 0600 before the key is written, so the key is never world-readable, not even for a moment.</summary>
    private static void WritePrivate(string path, string pem)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, pem);
            return;
        }
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }
}
