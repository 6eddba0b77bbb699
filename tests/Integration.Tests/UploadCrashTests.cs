using HealthRecords.ClinicAgent;
using HealthRecords.ClinicAgent.Uploads;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// A crash of any node at any moment loses nothing acknowledged and doubles nothing: three clinics
/// upload 50,000 records while the district node and the city node are SIGKILLed at random moments.
/// </summary>
public sealed class UploadCrashTests
{
    private const int Total = 50_000;
    private static readonly string[] Clinics = ["500103C01", "500103C02", "500103C03"];

    [Fact]
    public async Task Uploads_UnderRandomSigkillOfDistrictAndCity_ArriveExactlyOnce()
    {
        // Arrange
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var district = await federation.StartDistrictAsync("500103");
        var residents = new List<string>();
        foreach (var (clinic, i) in Clinics.Select((c, i) => (c, i)))
        {
            using var connection = TestChannel.Clinic(district.Address, clinic);
            for (var r = 0; r < 10; r++)
                residents.Add((await connection.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(980_000 + i * 10 + r), clinic, $"500103001{i + 1:D3}"))).RecordNumber);
        }
        var created = new HashSet<string>();
        var queues = Clinics.Select(_ => Uploads.NewQueue()).ToArray();
        for (var c = 0; c < Clinics.Length; c++)
        {
            var ids = Enumerable.Range(0, Total).Where(n => n % Clinics.Length == c).Select(n => $"{Clinics[c]}-{n}").ToList();
            created.UnionWith(ids);
            queues[c].Enqueue(ids.Select((id, n) => Uploads.Service(id, residents[c * 10 + n % 10], Clinics[c], Uploads.Today.AddDays(-(n % 3)))));
        }
        var random = new Random(20261121);

        // Act: uploads run while the district and the city are killed and restarted at random moments.
        var syncs = Clinics.Select((clinic, c) => Task.Run(async () =>
        {
            using var connection = TestChannel.Clinic(district.Address, clinic);
            return await new Uploader(connection, queues[c]).SyncAsync(null, TimeSpan.FromMinutes(5), default);
        })).ToArray();
        var kills = 0;
        while (!syncs.All(s => s.IsCompleted) && kills < 6)
        {
            await Task.Delay(random.Next(300, 2500));
            var victim = kills % 2 == 0 ? district : federation.City;
            await victim.KillAsync();
            await Task.Delay(random.Next(0, 1000));
            await victim.StartAsync();
            kills++;
        }
        var results = await Task.WhenAll(syncs);
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(federation, "SELECT COUNT(*) FROM service_records") >= Total,
            TimeSpan.FromMinutes(3), "all uploads at the city");

        // Assert: the city holds exactly the created ids, once each; every clinic queue is empty.
        Assert.True(kills >= 2, $"only {kills} kills happened before the uploads finished");
        Assert.All(queues, q => Assert.Equal(0, q.Count()));
        Assert.All(results, r => Assert.Equal(0, r.Rejected));
        Assert.Equal(Total, await Uploads.CityScalarAsync(federation, "SELECT COUNT(*) FROM service_records"));
        Assert.Equal(Total, await Uploads.CityScalarAsync(federation, "SELECT COUNT(DISTINCT upload_id) FROM service_records"));
        var cityIds = await CityUploadIdsAsync(federation);
        Assert.True(created.SetEquals(cityIds), "the city's upload ids differ from those the clinics created");
        foreach (var q in queues)
            q.Dispose();
    }

    private static async Task<HashSet<string>> CityUploadIdsAsync(Federation federation)
    {
        var path = Path.Combine(federation.DataRoot, "city0", "city.db");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT upload_id FROM service_records";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }
}
