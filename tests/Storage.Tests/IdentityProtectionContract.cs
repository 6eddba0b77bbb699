using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Security;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>
/// R-AC-6: identity numbers at the city are stored as a keyed hash and a ciphertext only, on SQLite and
/// PostgreSQL alike (the subclasses at the bottom choose the database).
/// </summary>
public abstract class IdentityProtectionContract(IDatabaseProvider provider)
{
    private static readonly CommitteeCode Committee = CommitteeCode.Parse("500103001001");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8));

    // A citizen ID, a residence permit, a birth medical certificate and a newborn through the mother: every kind of key.
    private static readonly string[] Numbers = ["11010519491231002X", "810000199408230021", "A123456789", "440524188001010014"];

    private static readonly IdentityKey[] Identities =
    [
        IdentityKey.FromInput(new IdentityInput(Numbers[0], null, null, null)),
        IdentityKey.FromInput(new IdentityInput(null, Numbers[1], null, null)),
        IdentityKey.FromInput(new IdentityInput(null, null, Numbers[2], null)),
        IdentityKey.FromInput(new IdentityInput(null, null, null, new NewbornInput(Numbers[3], 1, 1, false, null))),
    ];

    [Fact]
    public async Task IdentityNumber_IsNotStoredInPlaintext_AndIsFoundByItsKeyedHash()
    {
        // R-AC-6, R-ID-1
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations);
        var store = Store(database, TestIdentityKeys.Protector);

        // Act
        var enrolled = new List<RecordState>();
        foreach (var identity in Identities)
            enrolled.Add((await store.TryInsertAsync(Committee, n => Enrolled(n, identity), default))!);
        var duplicate = await store.TryInsertAsync(Committee, n => Enrolled(n, Identities[0]), default);

        // Assert
        Assert.Null(duplicate); // R-ID-1: the unique keyed hash refuses the second record
        foreach (var (identity, state) in Identities.Zip(enrolled))
        {
            Assert.Equal(state.Number, (await store.FindByIdentityAsync(identity, default))!.Number);
            Assert.Equal(identity, (await store.GetAsync(state.Number, default))!.Identity);
            var journal = await store.ReadEventsAsync(state.Number, default);
            Assert.Equal(identity.Value, Assert.IsType<ResidentEnrolled>(journal[0]).IdentityKey);
        }
        await AssertNoPlaintextAsync(database);
    }

    [Fact]
    public async Task RekeyedIdentity_IsFoundByTheNewKeyOnly_AndNeitherKeyIsStoredInPlaintext()
    {
        // R-ID-3, R-AC-6: a newborn's certificate key replaced by an ID number moves the keyed hash and the ciphertext.
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations);
        var store = Store(database, TestIdentityKeys.Protector);
        var newborn = (await store.TryInsertAsync(Committee, n => Enrolled(n, Identities[2]), default))!;
        var rekeyed = new IdentityRekeyed(Now.AddDays(30), "500103C01", "王护士", "k-1", Identities[2].Value, Identities[0].Value, "guardian signed on site");

        // Act
        Assert.True(await store.TryAppendAsync(newborn.Apply(rekeyed), 1, [rekeyed], default));

        // Assert
        Assert.Equal(newborn.Number, (await store.FindByIdentityAsync(Identities[0], default))!.Number);
        Assert.Null(await store.FindByIdentityAsync(Identities[2], default));
        Assert.Equal(Identities[0], (await store.GetAsync(newborn.Number, default))!.Identity);
        Assert.Equal(rekeyed, (await store.ReadEventsAsync(newborn.Number, default))[1]);
        await AssertNoPlaintextAsync(database);
    }

    [Fact]
    public async Task PlaintextRowsOfAnEarlierVersion_AreConverted_AndLeaveNoTrace()
    {
        // R-AC-6: rows and enrollment events written in plaintext before migration 11 are hashed,
        // encrypted and emptied at start-up, in batches; a second run has nothing left to do.
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations.Where(m => m.Version < 11).ToList());
        var numbers = Enumerable.Range(0, 1_001).Select(i => RecordNumber.Create(Committee, i + 1)).ToList();
        var legacy = numbers.Select((n, i) => i < Identities.Length ? Identities[i] : IdentityKey.FromInput(new IdentityInput(null, null, $"B{i:D9}", null))).ToList();
        await InsertPlaintextRowsAsync(database, numbers.Zip(legacy).ToList());
        if (database is SqliteDatabase sqlite)
            Assert.True(FileContainsAny(sqlite.Path, Numbers)); // the file scan below sees plaintext when there is some
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var conversion = new IdentityConversion(database, TestIdentityKeys.Protector);

        // Act
        var first = await conversion.ProtectPlaintextAsync();
        var second = await conversion.ProtectPlaintextAsync();

        // Assert
        Assert.Equal(new IdentityConversionResult(1_001, 1_001), first);
        Assert.False(second.Changed);
        var store = Store(database, TestIdentityKeys.Protector);
        foreach (var (number, identity) in numbers.Zip(legacy).Take(Identities.Length + 1))
        {
            Assert.Equal(number, (await store.FindByIdentityAsync(identity, default))!.Number);
            Assert.Equal(identity.Value, Assert.IsType<ResidentEnrolled>((await store.ReadEventsAsync(number, default))[0]).IdentityKey);
        }
        Assert.Null(await store.TryInsertAsync(Committee, n => Enrolled(n, legacy[^1]), default)); // R-ID-1 holds across the conversion
        await AssertNoPlaintextAsync(database);
    }

    [Fact]
    public async Task StartUpConversion_RunsOnce_AndLaterStartsSkipTheScan()
    {
        // R-AC-6: the start-up conversion converts what an earlier version left in plaintext and records that it
        // did; the next start does not scan again (a row slipped in behind the node stays for rotate-identity-keys).
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations.Where(m => m.Version < 11).ToList());
        var numbers = Enumerable.Range(0, 3).Select(i => RecordNumber.Create(Committee, i + 1)).ToList();
        await InsertPlaintextRowsAsync(database, numbers.Take(2).Zip(Identities).ToList());
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var conversion = new IdentityConversion(database, TestIdentityKeys.Protector);

        // Act
        var first = await conversion.ProtectPlaintextOnceAsync();
        await InsertPlaintextRowsAsync(database, [(numbers[2], Identities[2])]);
        var second = await conversion.ProtectPlaintextOnceAsync();
        var full = await conversion.ProtectPlaintextAsync();

        // Assert
        Assert.Equal(new IdentityConversionResult(2, 2), first);
        Assert.False(second.Changed);
        Assert.Equal(new IdentityConversionResult(1, 1), full);
    }

    [Fact]
    public async Task WrongKey_FailsClearly_NamingTheRecord()
    {
        // R-AC-6: a wrong or missing key is an error naming the record, never a wrong identity.
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations);
        var state = (await Store(database, TestIdentityKeys.Protector).TryInsertAsync(Committee, n => Enrolled(n, Identities[0]), default))!;
        var sameIdOtherKey = Protector(TestIdentityKeys.KeyId, [TestIdentityKeys.KeyId], TestIdentityKeys.Ring.HashKey);
        var unknownId = Protector("other", ["other"], TestIdentityKeys.Ring.HashKey);

        // Act
        var wrongKey = await Assert.ThrowsAsync<IdentityDecryptionException>(() => Store(database, sameIdOtherKey).GetAsync(state.Number, default));
        var missingKey = await Assert.ThrowsAsync<IdentityDecryptionException>(() => Store(database, unknownId).GetAsync(state.Number, default));

        // Assert
        Assert.Contains(state.Number.Value, wrongKey.Message, StringComparison.Ordinal);
        Assert.Contains("does not authenticate", wrongKey.Message, StringComparison.Ordinal);
        Assert.Contains($"key id '{TestIdentityKeys.KeyId}', which is not configured", missingKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongHashKey_IsRefusedAtStart_SinceLookupsWouldMissEnrolledResidents()
    {
        // R-AC-6, R-ID-1: a hash key other than the one in use would let a second record of a resident in.
        var database = await MigratedAsync(CitySchema.Migrations);
        await new IdentityConversion(database, TestIdentityKeys.Protector).VerifyKeysAsync(); // an empty index has nothing to contradict
        await Store(database, TestIdentityKeys.Protector).TryInsertAsync(Committee, n => Enrolled(n, Identities[0]), default);
        await Store(database, TestIdentityKeys.Protector).TryInsertAsync(Committee, n => Enrolled(n, Identities[1]), default);
        var otherHashKey = new IdentityProtector(new IdentityKeyRing(TestIdentityKeys.KeyId,
            new Dictionary<string, byte[]> { [TestIdentityKeys.KeyId] = TestIdentityKeys.Ring.Key(TestIdentityKeys.KeyId) }, Convert.FromBase64String(IdentityKeyRing.GenerateKey())));

        await new IdentityConversion(database, TestIdentityKeys.Protector).VerifyKeysAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new IdentityConversion(database, otherHashKey).VerifyKeysAsync());

        Assert.Contains("Security:IdentityKeys:HashKey is not the key the stored identity hashes were made with", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_ReencryptsAndRehashes_AndKeepsEveryRecordReadable()
    {
        // R-AC-6: after rotate-identity-keys the old encryption key and the old hash key can be retired.
        // Arrange
        var database = await MigratedAsync(CitySchema.Migrations);
        var before = Store(database, TestIdentityKeys.Protector);
        var states = new List<RecordState>();
        foreach (var identity in Identities)
            states.Add((await before.TryInsertAsync(Committee, n => Enrolled(n, identity), default))!);
        var newKeyId = "k2";
        var newKey = Convert.FromBase64String(IdentityKeyRing.GenerateKey());
        var newHashKey = Convert.FromBase64String(IdentityKeyRing.GenerateKey());
        var rotating = new IdentityProtector(new IdentityKeyRing(newKeyId,
            new Dictionary<string, byte[]> { [TestIdentityKeys.KeyId] = TestIdentityKeys.Ring.Key(TestIdentityKeys.KeyId), [newKeyId] = newKey }, newHashKey));

        // Act
        var rotated = await new IdentityConversion(database, rotating).RotateAsync();
        var again = await new IdentityConversion(database, rotating).RotateAsync();

        // Assert
        Assert.Equal(new IdentityConversionResult(Identities.Length, Identities.Length), rotated);
        Assert.False(again.Changed);
        var after = Store(database, new IdentityProtector(new IdentityKeyRing(newKeyId, new Dictionary<string, byte[]> { [newKeyId] = newKey }, newHashKey)));
        foreach (var (identity, state) in Identities.Zip(states))
        {
            Assert.Equal(state.Number, (await after.FindByIdentityAsync(identity, default))!.Number);
            Assert.Equal(identity, (await after.GetAsync(state.Number, default))!.Identity);
            Assert.Equal(identity.Value, Assert.IsType<ResidentEnrolled>((await after.ReadEventsAsync(state.Number, default))[0]).IdentityKey);
        }
        Assert.Null(await after.TryInsertAsync(Committee, n => Enrolled(n, Identities[1]), default)); // R-ID-1 under the new hash key
        Assert.Null(await before.FindByIdentityAsync(Identities[0], default)); // the old hash key finds nothing any more
    }

    private async Task<Database> MigratedAsync(IReadOnlyList<Migration> migrations)
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, migrations);
        return database;
    }

    private static SqlRecordStore Store(Database database, IdentityProtector protector) => new(database, new DistrictEventLog(database), protector);

    private static IdentityProtector Protector(string current, string[] ids, byte[] hashKey) =>
        new(new IdentityKeyRing(current, ids.ToDictionary(id => id, _ => Convert.FromBase64String(IdentityKeyRing.GenerateKey())), hashKey));

    private static ResidentEnrolled Enrolled(RecordNumber number, IdentityKey identity) => new(
        Now, number.Value, identity.Value, "500103C01", "500103", "王护士", $"e-{number.Value}",
        new ResidentProfile("张三", Sex.Female, new DateOnly(1949, 12, 31), "023-6000000", "重庆市渝中区七星岗", null, null, null));

    /// <summary>Rows as the city wrote them before migration 11: the identity key in plaintext, in the row and in the enrollment event.</summary>
    private static async Task InsertPlaintextRowsAsync(Database database, IReadOnlyList<(RecordNumber Number, IdentityKey Identity)> rows)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await using var scope = await database.BeginWriteAsync();
        foreach (var (number, identity) in rows)
        {
            await scope.Connection.ExecuteAsync($"""
                INSERT INTO records ({CitySchema.RecordColumns})
                VALUES (@n, @k, '500103C01', '500103', 1, 1, '500103C01', '王护士', 0, 0, '', '[]', @profile)
                """, new { n = number.Value, k = identity.Value, profile = JsonSerializer.Serialize(Enrolled(number, identity).Profile, json) }, scope.Transaction);
            await scope.Connection.ExecuteAsync(
                "INSERT INTO record_events (record_number, version, event_type, payload, occurred_at_ms) VALUES (@n, 1, 'ResidentEnrolled', @payload, 0)",
                new { n = number.Value, payload = JsonSerializer.Serialize<RecordEvent>(Enrolled(number, identity), json) }, scope.Transaction);
        }
        await scope.CommitAsync();
    }

    /// <summary>No value of any row of any table contains an identity number; on SQLite, no byte of the database files either.</summary>
    private static async Task AssertNoPlaintextAsync(Database database)
    {
        await using (var connection = await database.OpenAsync())
        {
            var tables = await connection.QueryAsync<string>(database.Dialect == SqlDialect.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {table}";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var i = 0; i < reader.FieldCount; i++)
                        Assert.DoesNotContain(Numbers, n => Text(reader, i).Contains(n, StringComparison.Ordinal));
            }
        }
        if (database is SqliteDatabase sqlite)
            Assert.False(FileContainsAny(sqlite.Path, Numbers), "an identity number is still in the SQLite file or its write-ahead log");
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetValue(column) switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static bool FileContainsAny(string path, IEnumerable<string> numbers)
    {
        var bytes = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
        return numbers.Any(n => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(n)) >= 0);
    }
}

public sealed class SqliteIdentityProtectionTests(SqliteProvider provider) : IdentityProtectionContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresIdentityProtectionTests(PostgresProvider provider) : IdentityProtectionContract(provider);
