namespace HealthRecords.Grains.Access;

/// <summary>Administrative operations that are not a read of one record, each open to some roles only (R-AC-5 role-based users).</summary>
public enum Operation
{
    /// <summary>R-AC-5: query the access audit log.</summary>
    QueryAuditLog = 1,
    /// <summary>R-AC-4: ask for a research export.</summary>
    RequestResearchExport = 2,
    /// <summary>R-AC-4: approve or refuse a research export (the city administration).</summary>
    DecideResearchExport = 3,
    /// <summary>R-AC-4: download an approved export (its requester).</summary>
    DownloadResearchExport = 4,
    /// <summary>R-CN-2: reconcile the counts of both tiers and repair the district's index.</summary>
    Reconcile = 5,
    /// <summary>R-AC-2: ask for the resident's one-time code, or declare an emergency, to read a record the institution does not manage.</summary>
    RequestRecordAccess = 6,
    /// <summary>R-AC-5: verify the access audit log's hash chain (the city administration).</summary>
    VerifyAuditLog = 7,
    /// <summary>R-ID-1, R-MG-1..3: confirm or dismiss duplicate candidates and inspect merges (the city administration).</summary>
    ReviewDuplicates = 8,
    /// <summary>R-CN-4: read data-quality reports and their findings (administrators, each within their scope).</summary>
    QueryDataQuality = 9,
    /// <summary>R-ID-1: bulk-import a district's historic records (the district's administration or IT).</summary>
    ImportHistoricRecords = 10,
}

public static class OperationPolicy
{
    /// <summary>Null when the principal's role may perform the operation, else why not.</summary>
    public static AccessDenial? Check(Principal principal, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var allowed = operation switch
        {
            Operation.QueryAuditLog => principal.Role is Role.CityAdministrator or Role.DistrictAdministrator or Role.InstitutionAdministrator,
            Operation.RequestResearchExport or Operation.DownloadResearchExport => principal.Role is Role.Researcher,
            Operation.DecideResearchExport or Operation.Reconcile or Operation.VerifyAuditLog => principal.Role is Role.CityAdministrator,
            Operation.RequestRecordAccess => principal.Role is Role.Clinician,
            Operation.ReviewDuplicates => principal.Role is Role.CityAdministrator,
            Operation.QueryDataQuality => principal.Role is Role.CityAdministrator or Role.DistrictAdministrator or Role.InstitutionAdministrator,
            Operation.ImportHistoricRecords => principal.Role is Role.CityAdministrator or Role.DistrictAdministrator,
            _ => false,
        };
        var rule = operation switch
        {
            Operation.RequestResearchExport or Operation.DecideResearchExport or Operation.DownloadResearchExport => "R-AC-4",
            Operation.RequestRecordAccess => "R-AC-2",
            Operation.ReviewDuplicates or Operation.ImportHistoricRecords => "R-ID-1",
            Operation.QueryDataQuality => "R-CN-4",
            _ => "R-AC-5",
        };
        return allowed ? null : new AccessDenial("ROLE_NOT_ALLOWED", rule, $"Role {principal.Role.Name()} may not {Describe(operation)}.");
    }

    private static string Describe(Operation operation) => operation switch
    {
        Operation.QueryAuditLog => "query the access audit log",
        Operation.RequestResearchExport => "request a research export",
        Operation.DecideResearchExport => "approve or refuse research exports",
        Operation.DownloadResearchExport => "download a research export",
        Operation.Reconcile => "reconcile the tiers' counts",
        Operation.VerifyAuditLog => "verify the access audit log",
        Operation.ReviewDuplicates => "review duplicate records",
        Operation.QueryDataQuality => "read data-quality reports",
        Operation.ImportHistoricRecords => "import historic records",
        _ => "ask for access to a record it does not manage",
    };
}
