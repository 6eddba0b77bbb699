using HealthRecords.Rpc;

namespace HealthRecords.TestSupport;

/// <summary>The metadata of a call by a node or clinic (hr-caller) made for its usual user (a signed token, R-AC-5).</summary>
public static class CallerMetadata
{
    public static Metadata For(string callerHeader) => new()
    {
        { "hr-caller", callerHeader },
        { "authorization", TestTokens.ForCaller(callerHeader) },
    };
}
