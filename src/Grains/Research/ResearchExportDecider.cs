using HealthRecords.Grains.Access;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Research;

/// <summary>
/// R-AC-4: research exports only after approval by the city administration (never by the requester
/// themself), never for commercial use, and downloaded only by their requester. The callers' roles
/// are checked by <see cref="OperationPolicy"/> before.
/// </summary>
public static class ResearchExportDecider
{
    public const string Rule = "R-AC-4";

    public static ResearchExportRequested Request(
        Principal researcher, string exportId, string requestId, string purpose, ResearchUse? use, ResearchExportScope scope,
        Func<string, bool> isDistrict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(researcher);
        ArgumentNullException.ThrowIfNull(scope);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(requestId)) violations.Add(new("request_id", "must not be empty: a repeated request must be recognisable."));
        if (string.IsNullOrWhiteSpace(purpose)) violations.Add(new("purpose", "must say what the research is for (kept with the export and in the audit log)."));
        if (use is null) violations.Add(new("intended_use", "must be given."));
        violations.AddRange(scope.Check(isDistrict));
        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        // GD art. 40: health records are never to be used commercially, whoever approves.
        if (use == ResearchUse.Commercial)
            throw new DomainRuleViolation(Rule, requestId, "Health records may not be exported for commercial use (GD art. 40).");
        return new ResearchExportRequested(exportId, requestId.Trim(), researcher.User, purpose.Trim(), use!.Value, scope, now);
    }

    /// <summary>The decision's event, or none when the same administrator repeats the same decision.</summary>
    public static ResearchExportEvent? Decide(ResearchExport export, Principal administrator, bool approve, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(administrator);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainValidationException("reason", "must say why the export is approved or refused.");
        if (administrator.User == export.RequestedBy)
            throw new DomainRuleViolation(Rule, export.ExportId, $"{administrator.User} requested export {export.ExportId} and may not decide it.");
        var wanted = approve ? ResearchExportState.Approved : ResearchExportState.Refused;
        if (export.State != ResearchExportState.Requested)
            return export.State == wanted && export.DecidedBy == administrator.User
                ? null
                : throw new DomainRuleViolation(Rule, export.ExportId, $"Export {export.ExportId} was already {export.State.ToString().ToLowerInvariant()} by {export.DecidedBy}.");
        return approve
            ? new ResearchExportApproved(administrator.User, reason.Trim(), now)
            : new ResearchExportRefused(administrator.User, reason.Trim(), now);
    }

    /// <summary>Null when the principal may see the export (its requester, or a city administrator), else why not.</summary>
    public static AccessDenial? CheckView(ResearchExport export, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Role == Role.CityAdministrator || (principal.Role == Role.Researcher && principal.User == export.RequestedBy)
            ? null
            : new AccessDenial("NOT_EXPORT_REQUESTER", Rule, $"Export {export.ExportId} is seen by its requester and the city administration only.");
    }

    /// <summary>Only the requester downloads, and only an approved export; a denial for another user, a rule violation before approval.</summary>
    public static AccessDenial? CheckDownload(ResearchExport export, Principal researcher)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(researcher);
        if (researcher.User != export.RequestedBy)
            return new AccessDenial("NOT_EXPORT_REQUESTER", Rule, $"Export {export.ExportId} is downloaded by its requester only.");
        return export.State == ResearchExportState.Approved
            ? null
            : throw new DomainRuleViolation(Rule, export.ExportId, $"Export {export.ExportId} is {export.State.ToString().ToLowerInvariant()}: only an approved export can be downloaded.");
    }
}
