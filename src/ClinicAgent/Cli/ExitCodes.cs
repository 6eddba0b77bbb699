namespace HealthRecords.ClinicAgent.Cli;

/// <summary>Distinct exit codes so that scripts can react without parsing text.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int AlreadyEnrolled = 3;
    public const int NotFound = 4;
    public const int NotAllowed = 5;
    public const int Unreachable = 6;
    public const int Refused = 7;
}
