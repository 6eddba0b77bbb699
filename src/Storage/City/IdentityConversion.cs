using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.Security;

namespace HealthRecords.Storage.City;

/// <summary>What a conversion or rotation changed.</summary>
public sealed record IdentityConversionResult(int Records, int JournalEvents)
{
    public bool Changed => Records > 0 || JournalEvents > 0;
}

/// <summary>
/// R-AC-6: brings stored identity numbers to the configured keys, in batches of one transaction each.
/// Every row update is guarded by the value it replaces, so a crash or a second city process doing the
/// same leaves each row either done or untouched, and a restart carries on where it stopped.
/// </summary>
public sealed class IdentityConversion(Database database, IdentityProtector protector)
{
    private const int BatchSize = 500;

    // Matches an enrollment payload whose identity key is already a ciphertext (JSON property names are camelCase).
    private const string ProtectedEnrollment = "%\"identityKey\":\"" + IdentityProtector.CipherPrefix + "%";

    /// <summary>Hashes and encrypts every row still holding a plaintext identity key, empties the plaintext, then removes its traces.</summary>
    public async Task<IdentityConversionResult> ProtectPlaintextAsync(CancellationToken cancellationToken = default)
    {
        var records = 0;
        while (await ProtectRecordBatchAsync(cancellationToken).ConfigureAwait(false) is var count and > 0)
            records += count;
        var events = 0;
        while (await ProtectJournalBatchAsync(cancellationToken).ConfigureAwait(false) is var count and > 0)
            events += count;
        var result = new IdentityConversionResult(records, events);
        if (result.Changed)
            await RemoveFreedPagesAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// At start-up: converts what was stored in plaintext before migration 11, once. After that the node
    /// writes only protected identities, so later starts skip the two full scans (records and the whole
    /// journal) that looking for plaintext costs; <see cref="RotateAsync"/> still looks every time.
    /// </summary>
    public async Task<IdentityConversionResult> ProtectPlaintextOnceAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM schema_migrations WHERE schema_name = @DataMigration AND version = @Version",
                    new { DataMigration, Version = ConversionVersion }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
                return new IdentityConversionResult(0, 0);
        }
        var result = await ProtectPlaintextAsync(cancellationToken).ConfigureAwait(false);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // Several city processes may start together: each converts (guarded row by row), one records it.
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO schema_migrations (schema_name, version, name, applied_at_ms) VALUES (@DataMigration, @Version, @Name, @now)
            ON CONFLICT DO NOTHING
            """, new { DataMigration, Version = ConversionVersion, Name = "identity numbers converted from plaintext", now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    // The conversion is the data half of city migration 11, kept beside the schema steps as applied.
    private const string DataMigration = "city-data";
    private const int ConversionVersion = 11;

    /// <summary>
    /// Checks the configured keys against stored rows (the first and the last record): each must decrypt and
    /// hash to what is stored. A wrong hash key would otherwise make enrollment miss existing residents
    /// and let a second record in (R-ID-1), so the city refuses to start instead.
    /// </summary>
    public async Task VerifyKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var samples = await connection.QueryAsync<(string Number, string Hash, string Cipher)>(new CommandDefinition("""
            SELECT record_number, identity_hash, identity_cipher FROM (
                SELECT record_number, identity_hash, identity_cipher FROM records WHERE identity_cipher IS NOT NULL ORDER BY record_number LIMIT 1) AS first_record
            UNION
            SELECT record_number, identity_hash, identity_cipher FROM (
                SELECT record_number, identity_hash, identity_cipher FROM records WHERE identity_cipher IS NOT NULL ORDER BY record_number DESC LIMIT 1) AS last_record
            """, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var (number, hash, cipher) in samples)
        {
            if (protector.Hash(protector.Decrypt(cipher, number)) != hash)
                throw new InvalidOperationException(
                    $"{IdentityKeyRing.HashKeySetting} is not the key the stored identity hashes were made with (record {number}): " +
                    "enrollment would not find enrolled residents (R-ID-1). Configure the hash key in use, or run rotate-identity-keys to change it.");
        }
    }

    /// <summary>
    /// Re-encrypts every ciphertext not under the current key and recomputes every hash under the
    /// configured hash key (key rotation). Rows already current are left alone, so a rerun is cheap.
    /// </summary>
    public async Task<IdentityConversionResult> RotateAsync(CancellationToken cancellationToken = default)
    {
        await ProtectPlaintextAsync(cancellationToken).ConfigureAwait(false);
        var records = 0;
        var events = 0;
        string after = "";
        while (await RotateRecordBatchAsync(after, cancellationToken).ConfigureAwait(false) is ({ } last, var count))
            (after, records) = (last, records + count);
        (string Number, long Version) eventAfter = ("", 0);
        while (await RotateJournalBatchAsync(eventAfter, cancellationToken).ConfigureAwait(false) is ({ } last, var count))
            (eventAfter, events) = (last, events + count);
        var result = new IdentityConversionResult(records, events);
        if (result.Changed)
            await RemoveFreedPagesAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<int> ProtectRecordBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await scope.Connection.QueryAsync<(string Number, string Key)>(new CommandDefinition(
            "SELECT record_number, identity_key FROM records WHERE identity_cipher IS NULL ORDER BY record_number LIMIT @limit",
            new { limit = BatchSize }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        foreach (var (number, key) in rows)
        {
            var identity = ParsePlaintext(number, key);
            await scope.Connection.ExecuteAsync(new CommandDefinition("""
                UPDATE records SET identity_hash = @hash, identity_cipher = @cipher, identity_key = ''
                WHERE record_number = @number AND identity_cipher IS NULL
                """, new { number, hash = protector.Hash(identity), cipher = protector.Encrypt(identity, number) },
                scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private async Task<int> ProtectJournalBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await scope.Connection.QueryAsync<(string Number, long Version, string Payload)>(new CommandDefinition("""
            SELECT record_number, version, payload FROM record_events
            WHERE event_type = @type AND payload NOT LIKE @protectedPattern
            ORDER BY record_number, version LIMIT @limit
            """, new { type = nameof(ResidentEnrolled), protectedPattern = ProtectedEnrollment, limit = BatchSize },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        foreach (var (number, version, payload) in rows)
            await ReplacePayloadAsync(scope, number, version, payload,
                JournalPayloads.Serialize(JournalPayloads.Deserialize(payload, number, protector), number, protector), cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private async Task<(string? Last, int Changed)> RotateRecordBatchAsync(string after, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await scope.Connection.QueryAsync<(string Number, string Hash, string Cipher)>(new CommandDefinition("""
            SELECT record_number, identity_hash, identity_cipher FROM records
            WHERE identity_cipher IS NOT NULL AND record_number > @after ORDER BY record_number LIMIT @limit
            """, new { after, limit = BatchSize }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var changed = 0;
        foreach (var (number, hash, cipher) in rows)
        {
            var identity = protector.Decrypt(cipher, number);
            var newHash = protector.Hash(identity);
            var current = IdentityProtector.KeyIdOf(cipher, number) == protector.CurrentKeyId;
            if (current && newHash == hash)
                continue;
            changed += await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE records SET identity_hash = @newHash, identity_cipher = @newCipher WHERE record_number = @number AND identity_cipher = @cipher",
                new { number, cipher, newHash, newCipher = current ? cipher : protector.Encrypt(identity, number) },
                scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (rows.Count == 0 ? null : rows[^1].Number, changed);
    }

    private async Task<((string, long)? Last, int Changed)> RotateJournalBatchAsync((string Number, long Version) after, CancellationToken cancellationToken)
    {
        var (condition, types) = database.OneOf("event_type", "types", JournalPayloads.IdentityEventTypes);
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await scope.Connection.QueryAsync<(string Number, long Version, string Payload)>(new CommandDefinition($"""
            SELECT record_number, version, payload FROM record_events
            WHERE {condition} AND (record_number > @number OR (record_number = @number AND version > @version))
            ORDER BY record_number, version LIMIT @limit
            """, new { types, number = after.Number, version = after.Version, limit = BatchSize },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var changed = 0;
        foreach (var (number, version, payload) in rows)
        {
            if (JournalPayloads.IsProtectedUnder(payload, number, protector.CurrentKeyId))
                continue;
            changed += await ReplacePayloadAsync(scope, number, version, payload,
                JournalPayloads.Serialize(JournalPayloads.Deserialize(payload, number, protector), number, protector), cancellationToken).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (rows.Count == 0 ? null : (rows[^1].Number, rows[^1].Version), changed);
    }

    private static Task<int> ReplacePayloadAsync(WriteScope scope, string number, long version, string old, string replacement, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE record_events SET payload = @replacement WHERE record_number = @number AND version = @version AND payload = @old",
            new { number, version, old, replacement }, scope.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// SQLite keeps deleted bytes in free pages and the write-ahead log: VACUUM rewrites the file and the
    /// checkpoint empties the log. (PostgreSQL keeps old row versions until VACUUM FULL rewrites the tables;
    /// see the README.)
    /// </summary>
    private async Task RemoveFreedPagesAsync(CancellationToken cancellationToken)
    {
        if (database.Dialect != SqlDialect.Sqlite)
            return;
        await using var scope = await database.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition("VACUUM", cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static IdentityKey ParsePlaintext(string number, string key) =>
        IdentityKey.TryParse(key, out var identity, out var error)
            ? identity
            : throw new InvalidOperationException($"Record {number} holds neither a ciphertext nor a valid plaintext identity key ({error}); it cannot be converted (R-AC-6).");
}
