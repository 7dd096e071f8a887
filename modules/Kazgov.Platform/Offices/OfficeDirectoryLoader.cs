using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Kazgov.Kernel.Data;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Modules;
using Kazgov.Platform.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Kazgov.Platform.Offices;

/// <summary>What one load changed. A second load of the same file changes nothing: all zero.</summary>
public sealed record OfficeImportReport(int Offices, int Inserted, int Updated, int Retired, int ServicesAdded, int ServicesRemoved, int SchedulesCreated, int RegionsChanged)
{
    public bool ChangedNothing => Inserted + Updated + Retired + ServicesAdded + ServicesRemoved + SchedulesCreated + RegionsChanged == 0;
}

/// <summary>
/// Loads the 16 regions and the office directory from the embedded reference files
/// (reference/regions.json, reference/offices.json) into PostgreSQL at every start of the host,
/// after the migrations. Idempotent: offices are upserted by their stable id and rewritten only
/// when their content hash changed; an office gone from the file is retired (retired_at set,
/// hidden from the directory search, still readable by id), never deleted, because applications,
/// complaints and staff accounts reference it; one that comes back is reinstated. A schedule is
/// created only for an office that has none, so an admin's edits survive.
/// </summary>
public sealed class OfficeDirectoryLoader(
    NpgsqlDataSource dataSource,
    IClock clock,
    ILogger<OfficeDirectoryLoader> logger) : IReferenceDataLoader
{
    public async Task LoadAsync(CancellationToken cancellationToken) => await ImportAsync(cancellationToken: cancellationToken);

    /// <summary>Loads <paramref name="offices"/> (by default reference/offices.json).</summary>
    public async Task<OfficeImportReport> ImportAsync(IReadOnlyList<OfficeRecord>? offices = null, CancellationToken cancellationToken = default)
    {
        Kazgov.Kernel.Data.NodaTimeTypeHandlers.Register();
        offices ??= ReferenceFiles.Offices.Offices;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Hosts starting side by side (tests) import one after the other.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(3622004)", transaction: transaction, cancellationToken: cancellationToken));

        var regionsChanged = await UpsertRegionsAsync(connection, transaction, cancellationToken);
        var report = await UpsertOfficesAsync(connection, transaction, offices, cancellationToken) with { RegionsChanged = regionsChanged };
        await transaction.CommitAsync(cancellationToken);

        Log(offices, report);
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
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OfficeRecord> offices, CancellationToken cancellationToken)
    {
        // The Russian and Latin texts (reference/office-names.json); an office without them keeps its Kazakh text only.
        var names = ReferenceFiles.OfficeNames.Offices.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var rows = offices.Select(o => (Office: o, Names: names.GetValueOrDefault(o.Id))).Select(pair => (pair.Office, pair.Names)).Select(t =>
        {
            var o = t.Office;
            var ru = t.Names?.Ru;
            var latin = t.Names?.Latin;
            return new
        {
            o.Id,
            o.Directory,
            RegionCode = o.Region,
            o.Name,
            o.District,
            o.Town,
            o.Address,
            o.Postcode,
            o.PhonesRaw,
            Phones = JsonSerializer.Serialize(o.Phones, PlatformJson.Options),
            o.EAddressRaw,
            o.Email,
            o.Website,
            Sources = JsonSerializer.Serialize(o.Sources, PlatformJson.Options),
            // Kazakh, Russian and Latin, and the Kazakh in Latin letters too ("Oskemen" as well as "Ust-Kamenogorsk").
            SearchText = SeedText.Fold(string.Join(' ', new[]
            {
                o.Name, o.District, o.Town, o.Address,
                ru?.Name, ru?.District, ru?.Town, ru?.Address,
                latin?.Name, latin?.District, latin?.Town, latin?.Address,
                OfficeNameTranslation.ToLatin(string.Join(' ', new[] { o.Name, o.Town, o.Address }.Where(x => x is not null))),
            }.Where(x => x is not null))),
            o.SortOrder,
            NameRu = ru?.Name,
            DistrictRu = ru?.District,
            TownRu = ru?.Town,
            AddressRu = ru?.Address,
            NameLatin = latin?.Name,
            DistrictLatin = latin?.District,
            TownLatin = latin?.Town,
            AddressLatin = latin?.Address,
        };
        }).ToList();
        var hashes = rows.Select(r => Hash(JsonSerializer.Serialize(r, PlatformJson.Options))).ToArray();

        var upserted = (await connection.QueryRowsAsync<bool>(new CommandDefinition(
            """
            INSERT INTO platform.offices (id, directory, region_code, name, district, town, address, postcode, phones_raw, phones,
                                          e_address_raw, email, website, sources, search_text, sort_order, content_hash,
                                          name_ru, district_ru, town_ru, address_ru, name_latin, district_latin, town_latin, address_latin)
            SELECT id, directory, region_code, name, district, town, address, postcode, phones_raw, phones::jsonb,
                   e_address_raw, email, website, sources::jsonb, search_text, sort_order, content_hash,
                   name_ru, district_ru, town_ru, address_ru, name_latin, district_latin, town_latin, address_latin
            FROM unnest(@ids, @directories, @regions, @names, @districts, @towns, @addresses, @postcodes, @phonesRaw, @phones,
                        @eAddressRaw, @emails, @websites, @sources, @searchTexts, @sortOrders, @hashes,
                        @namesRu, @districtsRu, @townsRu, @addressesRu, @namesLatin, @districtsLatin, @townsLatin, @addressesLatin)
                AS t(id, directory, region_code, name, district, town, address, postcode, phones_raw, phones,
                     e_address_raw, email, website, sources, search_text, sort_order, content_hash,
                     name_ru, district_ru, town_ru, address_ru, name_latin, district_latin, town_latin, address_latin)
            ON CONFLICT (id) DO UPDATE SET
                directory = excluded.directory, region_code = excluded.region_code, name = excluded.name,
                district = excluded.district, town = excluded.town, address = excluded.address, postcode = excluded.postcode,
                phones_raw = excluded.phones_raw, phones = excluded.phones, e_address_raw = excluded.e_address_raw,
                email = excluded.email, website = excluded.website, sources = excluded.sources,
                search_text = excluded.search_text, sort_order = excluded.sort_order, content_hash = excluded.content_hash,
                name_ru = excluded.name_ru, district_ru = excluded.district_ru, town_ru = excluded.town_ru, address_ru = excluded.address_ru,
                name_latin = excluded.name_latin, district_latin = excluded.district_latin, town_latin = excluded.town_latin,
                address_latin = excluded.address_latin,
                retired_at = NULL
            WHERE offices.content_hash <> excluded.content_hash OR offices.retired_at IS NOT NULL
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
                namesRu = rows.Select(r => r.NameRu).ToArray(),
                districtsRu = rows.Select(r => r.DistrictRu).ToArray(),
                townsRu = rows.Select(r => r.TownRu).ToArray(),
                addressesRu = rows.Select(r => r.AddressRu).ToArray(),
                namesLatin = rows.Select(r => r.NameLatin).ToArray(),
                districtsLatin = rows.Select(r => r.DistrictLatin).ToArray(),
                townsLatin = rows.Select(r => r.TownLatin).ToArray(),
                addressesLatin = rows.Select(r => r.AddressLatin).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken))).ToList();

        var ids = rows.Select(r => r.Id).ToArray();
        // Retired offices leave the search order: they take sort orders below zero (and below any
        // earlier retired office), so the file's positive sort orders never clash with them.
        var retired = (await connection.QueryRowsAsync<string>(new CommandDefinition(
            """
            WITH gone AS (
                SELECT id, row_number() OVER (ORDER BY sort_order, id) AS n
                FROM platform.offices WHERE retired_at IS NULL AND NOT (id = ANY(@ids))),
            bottom AS (SELECT least(coalesce(min(sort_order), 0), 0) AS m FROM platform.offices)
            UPDATE platform.offices o SET retired_at = @now, sort_order = bottom.m - gone.n
            FROM gone, bottom WHERE o.id = gone.id
            RETURNING o.id
            """,
            new { ids, now = clock.GetCurrentInstant() },
            transaction,
            cancellationToken: cancellationToken))).Order(StringComparer.Ordinal).ToList();
        if (retired.Count > 0)
        {
            logger.LogWarning("Offices gone from reference/{File} are retired (kept for the applications that name them): {Ids}",
                ReferenceFiles.OfficesFileName, string.Join(", ", retired));
        }

        var pairs = offices.SelectMany(o => o.Services.Select(s => (o.Id, Service: s))).ToList();
        var servicePairs = new { ids, officeIds = pairs.Select(p => p.Id).ToArray(), services = pairs.Select(p => p.Service).ToArray() };
        // A retired office keeps its services: its old applications still name them.
        var servicesRemoved = await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM platform.office_services s
            WHERE s.office_id = ANY(@ids)
              AND NOT EXISTS (SELECT 1 FROM unnest(@officeIds, @services) AS t(office_id, service_code)
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
                schedules = offices.Select(o => JsonSerializer.Serialize(o.Schedule, PlatformJson.Options)).ToArray(),
                now = clock.GetCurrentInstant(),
            },
            transaction,
            cancellationToken: cancellationToken));

        return new OfficeImportReport(
            offices.Count, upserted.Count(inserted => inserted), upserted.Count(inserted => !inserted), retired.Count,
            servicesAdded, servicesRemoved, schedulesCreated, 0);
    }

    private void Log(IReadOnlyList<OfficeRecord> offices, OfficeImportReport report)
    {
        logger.LogInformation(
            "Office directory from reference/{File}: {Offices} offices ({PerDirectory}); inserted {Inserted}, updated {Updated}, retired {Retired}, "
            + "services +{ServicesAdded}/-{ServicesRemoved}, default schedules created {SchedulesCreated}, regions changed {RegionsChanged}",
            ReferenceFiles.OfficesFileName,
            report.Offices,
            string.Join(", ", offices.GroupBy(o => o.Directory).Select(g => $"{g.Key} {g.Count()}")),
            report.Inserted,
            report.Updated,
            report.Retired,
            report.ServicesAdded,
            report.ServicesRemoved,
            report.SchedulesCreated,
            report.RegionsChanged);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
