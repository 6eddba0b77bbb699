using System.Globalization;
using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;

namespace HealthRecords.ClinicAgent.Uploads;

/// <summary>
/// Reads service records from a file, lazily so that a million-record file never sits in memory:
/// <c>.jsonl</c> (one protobuf-JSON ServiceRecord per line) or <c>.csv</c> with the header
/// upload_id,record_number,kind,service_date,staff,main_problems,cost_fen,report,measurements
/// (main_problems separated by ';', measurements as key=value;key=value, kind as in the proto without
/// its prefix, e.g. HYPERTENSION_FOLLOW_UP, or its number).
/// </summary>
public static class ServiceRecordFiles
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static IEnumerable<ServiceRecord> Read(string path, string institutionCode)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var lines = File.ReadLines(path);
        var records = extension switch
        {
            ".jsonl" => lines.Where(l => l.Trim().Length > 0).Select((l, i) => Parse(() => Json.Parse<ServiceRecord>(l), path, i + 1)),
            ".csv" => ReadCsv(lines, path),
            _ => throw new FormatException($"{path}: use .jsonl or .csv."),
        };
        foreach (var record in records)
        {
            if (record.InstitutionCode.Length == 0)
                record.InstitutionCode = institutionCode;
            yield return record;
        }
    }

    private static IEnumerable<ServiceRecord> ReadCsv(IEnumerable<string> lines, string path)
    {
        string[]? header = null;
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Trim().Length == 0)
                continue;
            var cells = line.Split(',');
            if (header is null)
            {
                header = cells.Select(c => c.Trim().ToLowerInvariant()).ToArray();
                continue;
            }
            var row = header.Zip(cells.Concat(Enumerable.Repeat("", header.Length)), (h, c) => (h, c.Trim())).ToDictionary(p => p.h, p => p.Item2);
            yield return Parse(() => FromCsv(row), path, number);
        }
    }

    private static ServiceRecord FromCsv(Dictionary<string, string> row)
    {
        var record = new ServiceRecord
        {
            UploadId = row.GetValueOrDefault("upload_id", ""),
            RecordNumber = row.GetValueOrDefault("record_number", ""),
            Kind = ParseKind(row.GetValueOrDefault("kind", "")),
            ServiceDate = ParseDate(row.GetValueOrDefault("service_date", "")),
            Staff = row.GetValueOrDefault("staff", ""),
            CostFen = long.TryParse(row.GetValueOrDefault("cost_fen", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cost) ? cost : 0,
            Report = row.GetValueOrDefault("report", ""),
        };
        record.MainProblems.AddRange(Split(row.GetValueOrDefault("main_problems", "")));
        foreach (var pair in Split(row.GetValueOrDefault("measurements", "")))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new FormatException($"measurement '{pair}' is not key=value");
            record.Measurements[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return record;
    }

    public static ServiceKind ParseKind(string text) =>
        int.TryParse(text, out var n) ? (ServiceKind)n
        : Enum.TryParse<ServiceKind>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind) ? kind
        : throw new FormatException($"'{text}' is not a service kind ({string.Join(", ", Enum.GetNames<ServiceKind>().Skip(1))}).");

    public static CalendarDate ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new CalendarDate { Year = d.Year, Month = d.Month, Day = d.Day }
            : throw new FormatException($"'{text}' is not a date of the form yyyy-MM-dd");

    private static IEnumerable<string> Split(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ServiceRecord Parse(Func<ServiceRecord> parse, string path, int line)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new FormatException($"{path}:{line}: {e.Message}", e);
        }
    }
}
