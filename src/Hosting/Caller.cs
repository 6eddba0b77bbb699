namespace HealthRecords.Hosting;

public enum CallerKind { Institution, District, Administrator }

/// <summary>
/// Who makes a call: a clinic (institution code), a district node / district IT (county code), or a
/// city administrator (user name, with credentials the city verifies). Named by the client certificate
/// (<see cref="CallerIdentification"/>) and optionally by the metadata <c>hr-caller: institution:500103C01</c>,
/// <c>hr-caller: district:500103</c> or <c>hr-caller: administrator:admin</c>, which must agree with it.
/// </summary>
public sealed record Caller(CallerKind Kind, string Code)
{
    public const string Header = "hr-caller";

    public string HeaderValue => $"{Kind switch { CallerKind.Institution => "institution", CallerKind.District => "district", _ => "administrator" }}:{Code}";

    public static bool TryParse(string? value, out Caller? caller)
    {
        caller = null;
        var colon = value?.IndexOf(':') ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1)
            return false;
        var code = value[(colon + 1)..].Trim();
        caller = value[..colon].Trim() switch
        {
            "institution" => new Caller(CallerKind.Institution, code),
            "district" => new Caller(CallerKind.District, code),
            "administrator" => new Caller(CallerKind.Administrator, code),
            _ => null,
        };
        return caller is not null;
    }

    public override string ToString() => HeaderValue;
}
