using System.Data.Common;
using Google.Protobuf.Reflection;
using HealthRecords.ClinicAgent;
using HealthRecords.ClinicAgent.Uploads;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using Microsoft.Data.Sqlite;

namespace HealthRecords.Integration.Tests;

/// <summary>Helpers for upload tests: service records, a clinic's queue, and the city's view.</summary>
internal static class Uploads
{
    public static ServiceRecord Service(string uploadId, string recordNumber, string institution, DateOnly date,
        ServiceKind kind = ServiceKind.Visit, params (string Key, string Value)[] measures)
    {
        var record = new ServiceRecord
        {
            UploadId = uploadId, RecordNumber = recordNumber, InstitutionCode = institution, Kind = kind, Staff = "李医生",
            ServiceDate = new CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day }, CostFen = 1500,
        };
        record.MainProblems.Add("随访");
        foreach (var (key, value) in measures)
            record.Measurements[key] = value;
        return record;
    }

    /// <summary>Today in China time, as the platform's rules see it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static UploadQueue NewQueue() => new(Path.Combine(Path.GetTempPath(), $"hr-queue-{Guid.NewGuid():N}", "queue.db"));

    public static Task<SyncProgress> SyncAsync(DistrictConnection clinic, UploadQueue queue) =>
        new Uploader(clinic, queue).SyncAsync(null, TimeSpan.FromMinutes(3), default);

    /// <summary>The city's timeline API, called as the given district.</summary>
    public static ServiceClient CityTimeline(GrpcChannel city, string district) =>
        new(city, RecordHomepageReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RecordTimelineService"),
            () => CallerMetadata.For($"district:{district}"));

    /// <summary>Reads the city's SQLite file directly (read-only) to count what it holds.</summary>
    public static async Task<long> CityScalarAsync(Federation federation, string sql)
    {
        var path = Path.Combine(federation.DataRoot, "city0", "city.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Waits until the condition holds (the relay is asynchronous), or fails after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not reached within {timeout}: {what}");
            await Task.Delay(200);
        }
    }
}
