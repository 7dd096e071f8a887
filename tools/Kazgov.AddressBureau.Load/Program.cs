// Loads N synthetic residents into the address register by binary COPY.
// Usage: Kazgov.AddressBureau.Load <connection string> <count> [seed] [--keep-indexes]
using System.Globalization;
using Kazgov.AddressBureau.Synthetic;
using NodaTime;
using Npgsql;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Kazgov.AddressBureau.Load <connection string> <count> [seed] [--keep-indexes]");
    return 2;
}

var count = long.Parse(args[1], CultureInfo.InvariantCulture);
var seed = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20260101;
var builder = new NpgsqlDataSourceBuilder(args[0]);
builder.UseNodaTime();
await using var dataSource = builder.Build();
var report = await BulkLoader.LoadAsync(
    dataSource, count, seed, new LocalDate(2026, 12, 1), dropIndexes: !args.Contains("--keep-indexes"),
    line => Console.Error.WriteLine("[load] " + line), CancellationToken.None);
Console.WriteLine(FormattableString.Invariant(
    $"loaded {report.Persons} persons, {report.Registrations} registrations: COPY {report.Copy.TotalSeconds:0.0} s, indexes {report.Indexes.TotalSeconds:0.0} s, total {report.Total.TotalSeconds:0.0} s"));
return 0;
