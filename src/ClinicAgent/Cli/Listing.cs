using System.CommandLine;
using Google.Protobuf;

namespace HealthRecords.ClinicAgent.Cli;

/// <summary>A listing read page by page from the district: a line (or a JSON object) an item, then how many.</summary>
internal static class Listing
{
    /// <param name="page">The page after a token (empty: the first), and the next page's token (empty: the last).</param>
    /// <param name="counted">What the count counts, e.g. "notice(s)".</param>
    public static async Task<int> PrintAllAsync<T>(ParseResult parse, Func<string, Task<(IEnumerable<T> Items, string Next)>> page,
        Action<TextWriter, T> line, string counted)
        where T : IMessage
    {
        var json = parse.GetValue(GlobalOptions.Json);
        var (token, total) = ("", 0);
        do
        {
            var (items, next) = await page(token);
            foreach (var item in items)
            {
                Output.Write(item, json, w => line(w, item));
                total++;
            }
            token = next;
        }
        while (token.Length > 0);
        if (!json)
            Console.Out.WriteLine($"{total} {counted}.");
        return ExitCodes.Ok;
    }
}
