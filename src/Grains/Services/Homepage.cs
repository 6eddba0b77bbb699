namespace HealthRecords.Grains.Services;

/// <summary>
/// The record homepage (档案首页, R-RC-2, CQ art. 6, CQ-A1 1(2)): derived, never typed.
/// <paramref name="Tags"/> in enum order; <paramref name="Activities"/> newest first.
/// Equality compares the lists' contents.
/// </summary>
public sealed record Homepage(IReadOnlyList<HealthTag> Tags, IReadOnlyList<ServiceActivity> Activities, DateOnly? LastServiceDate)
{
    public bool Equals(Homepage? other) =>
        other is not null
        && Tags.SequenceEqual(other.Tags)
        && Activities.SequenceEqual(other.Activities)
        && LastServiceDate == other.LastServiceDate;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var tag in Tags)
        {
            hash.Add(tag);
        }

        foreach (var activity in Activities)
        {
            hash.Add(activity);
        }

        hash.Add(LastServiceDate);
        return hash.ToHashCode();
    }
}
