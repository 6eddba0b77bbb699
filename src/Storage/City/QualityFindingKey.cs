using System.Globalization;
using HealthRecords.Grains.Quality;

namespace HealthRecords.Storage.City;

/// <summary>
/// The order R-CN-4 findings are listed in: record number, kind, field, then detail (ordinal), so
/// each finding has one place and a listing resumes strictly after the last one returned.
/// </summary>
public sealed record QualityFindingKey(string RecordNumber, QualityFindingKind Kind, string Field, string Detail) : IComparable<QualityFindingKey>
{
    private const char Separator = '\u001f';

    public static QualityFindingKey Of(QualityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.RecordNumber, finding.Kind, finding.Field, finding.Detail);
    }

    public int CompareTo(QualityFindingKey? other)
    {
        if (other is null)
            return 1;
        var c = string.CompareOrdinal(RecordNumber, other.RecordNumber);
        if (c == 0)
            c = Kind.CompareTo(other.Kind);
        if (c == 0)
            c = string.CompareOrdinal(Field, other.Field);
        return c != 0 ? c : string.CompareOrdinal(Detail, other.Detail);
    }

    /// <summary>The key as text, for a page token.</summary>
    public override string ToString() =>
        string.Join(Separator, RecordNumber, ((int)Kind).ToString(CultureInfo.InvariantCulture), Field, Detail);

    /// <summary>A key written by <see cref="ToString"/>; null for any other text.</summary>
    public static QualityFindingKey? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(Separator, 4);
        return parts.Length == 4 && parts[0].Length > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) && Enum.IsDefined((QualityFindingKind)kind)
            ? new(parts[0], (QualityFindingKind)kind, parts[2], parts[3])
            : null;
    }
}
