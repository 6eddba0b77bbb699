using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Storage.City;

/// <summary>
/// The <c>transfers</c> table follows the record's transfer events, written in the transaction that
/// appends them, so a transfer's row never disagrees with its record (R-TR-2, R-TR-3).
/// </summary>
internal static class TransferRows
{
    public static async Task WriteAsync(WriteScope scope, IEnumerable<RecordEvent> events, CancellationToken cancellationToken)
    {
        foreach (var transfer in events.OfType<TransferEvent>().Select(e => e.Transfer))
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO transfers (transfer_id, record_number, from_institution, from_district, to_institution, to_district,
                    answering_institution, city_authority, state, requested_at_ms, due_at_ms, payload)
                VALUES (@TransferId, @RecordNumber, @FromInstitution, @FromDistrict, @ToInstitution, @ToDistrict,
                    @AnsweringInstitution, @cityAuthority, @state, @requestedAt, @dueAt, @payload)
                ON CONFLICT (transfer_id) DO UPDATE SET state = excluded.state, payload = excluded.payload
                """,
                new
                {
                    transfer.TransferId, transfer.RecordNumber, transfer.FromInstitution, transfer.FromDistrict,
                    transfer.ToInstitution, transfer.ToDistrict, transfer.AnsweringInstitution,
                    cityAuthority = transfer.CityAuthority ? 1 : 0,
                    state = (int)transfer.State,
                    requestedAt = transfer.RequestedAt.ToUnixTimeMilliseconds(),
                    dueAt = transfer.DueAt.ToUnixTimeMilliseconds(),
                    payload = JsonSerializer.Serialize(transfer, StorageJson.Options),
                }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public static Transfer Read(string payload) => JsonSerializer.Deserialize<Transfer>(payload, StorageJson.Options)!;
}
