namespace HealthRecords.Hosting;

public enum CallerKind { Institution, District }

/// <summary>
/// Who makes a call: a clinic (institution code) or a district node / district IT (county code).
/// Sent as metadata <c>hr-caller: institution:500103C01</c> or <c>hr-caller: district:500103</c>.
/// </summary>
public sealed record Caller(CallerKind Kind, string Code)
{
    public const string Header = "hr-caller";

    public string HeaderValue => $"{(Kind == CallerKind.Institution ? "institution" : "district")}:{Code}";

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
            _ => null,
        };
        return caller is not null;
    }

    public override string ToString() => HeaderValue;
}
