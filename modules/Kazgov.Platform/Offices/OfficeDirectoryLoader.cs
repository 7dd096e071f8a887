using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Kazgov.Platform.Http;
using Kazgov.Platform.Modules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Offices;

/// <summary>What one import run changed. A second run over the same seed changes nothing: all zero.</summary>
public sealed record OfficeImportReport(int Offices, int Inserted, int Updated, int Deleted, int ServicesAdded, int ServicesRemoved, int SchedulesCreated, int RegionsChanged)
{
    public bool ChangedNothing => Inserted + Updated + Deleted + ServicesAdded + ServicesRemoved + SchedulesCreated + RegionsChanged == 0;
}

/// <summary>
/// Loads the 16 regions and the office directory from the seed into PostgreSQL at every start of
/// the host (after the migrations). Idempotent: ids come from the content, rows are rewritten only
/// when their content hash changed, offices gone from the seed are deleted, and a schedule is
/// created only for an office that has none — an admin's edits survive a re-import.
/// </summary>
public sealed class OfficeDirectoryLoader(
    NpgsqlDataSource dataSource,
    IOptions<ReferenceDataOptions> options,
    IClock clock,
    ILogger<OfficeDirectoryLoader> logger) : IReferenceDataLoader
{
    public async Task LoadAsync(CancellationToken cancellationToken) => await ImportAsync(cancellationToken);

    public async Task<OfficeImportReport> ImportAsync(CancellationToken cancellationToken = default)
    {
        Data.NodaTimeTypeHandlers.Register();
        var seedFile = options.Value.SeedFile;
        OfficeDirectory? directory = null;
        if (seedFile is null)
        {
            logger.LogWarning("No seed file configured (ReferenceData:SeedFile) and none found beside the checkout: the office directory stays empty.");
        }
        else if (!File.Exists(seedFile))
        {
            throw new FileNotFoundException("The seed file for the office directory does not exist.", seedFile);
        }
        else
        {
            directory = OfficeDirectoryParser.Parse(await File.ReadAllLinesAsync(seedFile, cancellationToken));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Hosts starting side by side (tests) import one after the other.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(3622004)", transaction: transaction, cancellationToken: cancellationToken));

        var regionsChanged = await UpsertRegionsAsync(connection, transaction, cancellationToken);
        var report = directory is null
            ? new OfficeImportReport(0, 0, 0, 0, 0, 0, 0, regionsChanged)
            : await UpsertOfficesAsync(connection, transaction, directory.Offices, cancellationToken) with { RegionsChanged = regionsChanged };
        await transaction.CommitAsync(cancellationToken);

        if (directory is not null)
        {
            Log(directory, report, seedFile!);
        }

        return report;
    }

    private static async Task<int> UpsertRegionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var regions = KazRegions.All;
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.regions (code, iso_code, sort_order, name_kk, name_ru, name_en)
            SELECT * FROM unnest(@codes, @isoCodes, @sortOrders, @kk, @ru, @en)
            ON CONFLICT (code) DO UPDATE SET
                iso_code = excluded.iso_code, sort_order = excluded.sort_order,
                name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en
            WHERE (regions.iso_code, regions.sort_order, regions.name_kk, regions.name_ru, regions.name_en)
                IS DISTINCT FROM (excluded.iso_code, excluded.sort_order, excluded.name_kk, excluded.name_ru, excluded.name_en)
            """,
            new
            {
                codes = regions.Select(r => r.Code).ToArray(),
                isoCodes = regions.Select(r => r.IsoCode).ToArray(),
                sortOrders = regions.Select(r => r.SortOrder).ToArray(),
                kk = regions.Select(r => r.Names.Kk).ToArray(),
                ru = regions.Select(r => r.Names.Ru).ToArray(),
                en = regions.Select(r => r.Names.En).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    private async Task<OfficeImportReport> UpsertOfficesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ParsedOffice> offices, CancellationToken cancellationToken)
    {
        var rows = offices.Select(o => new
        {
            o.Id,
            Directory = ParsedOffice.DirectorySlug(o.Directory),
            o.RegionCode,
            o.Name,
            o.District,
            o.Town,
            o.Address,
            o.Postcode,
            o.PhonesRaw,
            Phones = JsonSerializer.Serialize(o.Phones, PlatformJson.Options),
            EAddressRaw = o.EAddress.Raw,
            o.EAddress.Email,
            o.EAddress.Website,
            Sources = JsonSerializer.Serialize(o.Listings, PlatformJson.Options),
            o.SearchText,
            o.SortOrder,
        }).ToList();
        var hashes = rows.Select(r => ParsedOffice.Hash(JsonSerializer.Serialize(r, PlatformJson.Options))).ToArray();

        var upserted = (await connection.QueryAsync<bool>(new CommandDefinition(
            """
            INSERT INTO platform.offices (id, directory, region_code, name, district, town, address, postcode, phones_raw, phones,
                                          e_address_raw, email, website, sources, search_text, sort_order, content_hash)
            SELECT id, directory, region_code, name, district, town, address, postcode, phones_raw, phones::jsonb,
                   e_address_raw, email, website, sources::jsonb, search_text, sort_order, content_hash
            FROM unnest(@ids, @directories, @regions, @names, @districts, @towns, @addresses, @postcodes, @phonesRaw, @phones,
                        @eAddressRaw, @emails, @websites, @sources, @searchTexts, @sortOrders, @hashes)
                AS t(id, directory, region_code, name, district, town, address, postcode, phones_raw, phones,
                     e_address_raw, email, website, sources, search_text, sort_order, content_hash)
            ON CONFLICT (id) DO UPDATE SET
                directory = excluded.directory, region_code = excluded.region_code, name = excluded.name,
                district = excluded.district, town = excluded.town, address = excluded.address, postcode = excluded.postcode,
                phones_raw = excluded.phones_raw, phones = excluded.phones, e_address_raw = excluded.e_address_raw,
                email = excluded.email, website = excluded.website, sources = excluded.sources,
                search_text = excluded.search_text, sort_order = excluded.sort_order, content_hash = excluded.content_hash
            WHERE offices.content_hash <> excluded.content_hash
            RETURNING (xmax = 0) AS inserted
            """,
            new
            {
                ids = rows.Select(r => r.Id).ToArray(),
                directories = rows.Select(r => r.Directory).ToArray(),
                regions = rows.Select(r => r.RegionCode).ToArray(),
                names = rows.Select(r => r.Name).ToArray(),
                districts = rows.Select(r => r.District).ToArray(),
                towns = rows.Select(r => r.Town).ToArray(),
                addresses = rows.Select(r => r.Address).ToArray(),
                postcodes = rows.Select(r => r.Postcode).ToArray(),
                phonesRaw = rows.Select(r => r.PhonesRaw).ToArray(),
                phones = rows.Select(r => r.Phones).ToArray(),
                eAddressRaw = rows.Select(r => r.EAddressRaw).ToArray(),
                emails = rows.Select(r => r.Email).ToArray(),
                websites = rows.Select(r => r.Website).ToArray(),
                sources = rows.Select(r => r.Sources).ToArray(),
                searchTexts = rows.Select(r => r.SearchText).ToArray(),
                sortOrders = rows.Select(r => r.SortOrder).ToArray(),
                hashes,
            },
            transaction,
            cancellationToken: cancellationToken))).ToList();

        var ids = rows.Select(r => r.Id).ToArray();
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM platform.offices WHERE NOT (id = ANY(@ids))", new { ids }, transaction, cancellationToken: cancellationToken));

        var pairs = offices.SelectMany(o => o.Services.Select(s => (o.Id, Service: s))).ToList();
        var servicePairs = new { officeIds = pairs.Select(p => p.Id).ToArray(), services = pairs.Select(p => p.Service).ToArray() };
        var servicesRemoved = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM platform.office_services s
            WHERE NOT EXISTS (SELECT 1 FROM unnest(@officeIds, @services) AS t(office_id, service_code)
                              WHERE t.office_id = s.office_id AND t.service_code = s.service_code)
            """,
            servicePairs, transaction, cancellationToken: cancellationToken));
        var servicesAdded = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.office_services (office_id, service_code)
            SELECT * FROM unnest(@officeIds, @services) ON CONFLICT DO NOTHING
            """,
            servicePairs, transaction, cancellationToken: cancellationToken));

        var schedulesCreated = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO platform.office_schedules (office_id, schedule, version, updated_at, updated_by)
            SELECT office_id, schedule::jsonb, 1, @now, 'seed' FROM unnest(@officeIds, @schedules) AS t(office_id, schedule)
            ON CONFLICT (office_id) DO NOTHING
            """,
            new
            {
                officeIds = ids,
                schedules = offices.Select(o => JsonSerializer.Serialize(OfficeSchedule.Default(o.Services), PlatformJson.Options)).ToArray(),
                now = clock.GetCurrentInstant(),
            },
            transaction,
            cancellationToken: cancellationToken));

        return new OfficeImportReport(
            offices.Count, upserted.Count(inserted => inserted), upserted.Count(inserted => !inserted), deleted,
            servicesAdded, servicesRemoved, schedulesCreated, 0);
    }

    private void Log(OfficeDirectory directory, OfficeImportReport report, string seedFile)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Office directory from {seedFile}: {report.Offices} offices "
            + $"({string.Join(", ", directory.Offices.GroupBy(o => ParsedOffice.DirectorySlug(o.Directory)).Select(g => $"{g.Key} {g.Count()}"))}); "
            + $"inserted {report.Inserted}, updated {report.Updated}, deleted {report.Deleted}, services +{report.ServicesAdded}/-{report.ServicesRemoved}, "
            + $"default schedules created {report.SchedulesCreated}, regions changed {report.RegionsChanged}.");
        foreach (var appendix in directory.Appendices)
        {
            var perRegion = KazRegions.All.Where(r => appendix.RowsPerRegion.ContainsKey(r.Code)).Select(r => $"{r.Code} {appendix.RowsPerRegion[r.Code]}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {appendix.Appendix} ({appendix.Service}) [L{appendix.FirstLine}-L{appendix.LastLine}]: {appendix.Total} {appendix.Unit} — {string.Join(", ", perRegion)}");
        }

        logger.LogInformation("{OfficeImportReport}", text.ToString().TrimEnd());
    }
}
