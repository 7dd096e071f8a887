using Kazgov.Platform.Calendar;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Kazgov.Platform.Catalogue;

/// <summary>The rules every catalogue file must keep (CATALOGUE-SCHEMA.md), checked at load.</summary>
internal static partial class CatalogueValidator
{
    private static readonly LocalTimePattern ClockTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IReadOnlyList<string> Validate(ServiceEntry entry, string fileName)
    {
        var errors = new List<string>();
        var code = entry.Code;
        if (!IsKebab(code))
        {
            errors.Add($"code '{code}' is not kebab-case.");
        }

        if (fileName != code + ".json")
        {
            errors.Add($"the file of service '{code}' must be named '{code}.json'.");
        }

        // Which module runs the entry is checked against the host's modules at start (CatalogueStartupCheck).
        if (string.IsNullOrWhiteSpace(entry.Module))
        {
            errors.Add("module is missing.");
        }

        if (SeedLines().Match(entry.SeedLines) is not { Success: true } lines
            || int.Parse(lines.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                >= int.Parse(lines.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
        {
            errors.Add($"seedLines '{entry.SeedLines}' is not a line range \"first-last\".");
        }

        if (entry.QualityIndicators.Count > 0)
        {
            errors.Add("qualityIndicators are imported from the seed's KPI appendix, not authored in the file.");
        }

        foreach (var (path, text) in CatalogueWalker.Texts(entry))
        {
            foreach (var (language, value) in new[] { ("kk", text.Kk), ("ru", text.Ru), ("en", text.En) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"{path}.{language} is empty.");
                }
            }
        }

        foreach (var (path, source) in CatalogueWalker.Sources(entry))
        {
            if (!source.StartsWith(code + " ", StringComparison.Ordinal) || source.Length <= code.Length + 1)
            {
                errors.Add($"{path} '{source}' must start with the service code and name a paragraph (\"{code} §N\").");
            }
        }

        CheckCodes(errors, "applicants", entry.Applicants.Select(a => a.Code));
        CheckCodes(errors, "terms.variants", entry.Terms.Variants.Select(v => v.Code));
        CheckCodes(errors, "fees.items", entry.Fees.Items.Select(i => i.Code));
        CheckCodes(errors, "documents", entry.Documents.Select(d => d.ApplicantType));
        CheckCodes(errors, "refusalGrounds", entry.RefusalGrounds.Select(g => g.Code));
        foreach (var item in entry.Fees.Items)
        {
            CheckCodes(errors, $"fees.items[{item.Code}].exemptions", item.Exemptions.Select(e => e.Code));
            if (item.PercentOfMci <= 0)
            {
                errors.Add($"fees.items[{item.Code}].percentOfMci must be positive.");
            }
        }

        foreach (var group in entry.Documents)
        {
            CheckCodes(errors, $"documents[{group.ApplicantType}].items", group.Items.Select(i => i.Code));
            foreach (var photo in group.Items.Select(i => i.Photo).OfType<PhotoRequirement>())
            {
                if (photo.Count <= 0 || photo.WidthMm <= 0 || photo.HeightMm <= 0)
                {
                    errors.Add($"documents[{group.ApplicantType}]: a photo requirement needs a positive count and size.");
                }
            }
        }

        if (entry.Fees.Free != (entry.Fees.Items.Count == 0))
        {
            errors.Add("fees.free must be true exactly when there are no fee items.");
        }

        if (entry.Fees.Free && entry.Fees.PayableAfterDecision)
        {
            errors.Add("fees.payableAfterDecision needs a fee: a free service has nothing to pay after the decision.");
        }

        if (entry.Terms.Variants.Count == 0)
        {
            errors.Add("terms.variants must hold at least one term.");
        }

        foreach (var variant in entry.Terms.Variants)
        {
            CheckTerm(errors, $"terms.variants[{variant.Code}]", variant);
        }

        if (entry.Terms.Queue is { } queue)
        {
            CheckDuration(errors, "terms.queue.submission", queue.Submission);
            if (queue.PickUp is not null)
            {
                CheckDuration(errors, "terms.queue.pickUp", queue.PickUp);
            }
        }

        // Null where the standard gives no term ("within the term set by law"): no due date is computed.
        if (entry.Complaints.ReviewTerm is not null)
        {
            CheckDuration(errors, "complaints.reviewTerm", entry.Complaints.ReviewTerm);
        }
        if (entry.Complaints.Channels.Count == 0 || entry.Complaints.Route.Count == 0)
        {
            errors.Add("complaints need at least one channel and one authority in the route.");
        }

        foreach (var window in entry.IssuanceWindows)
        {
            var from = ClockTime.Parse(window.From);
            var to = ClockTime.Parse(window.To);
            if (!from.Success || !to.Success || from.Value >= to.Value)
            {
                errors.Add($"issuanceWindows: '{window.From}'–'{window.To}' is not an \"HH:mm\" window.");
            }
        }

        return errors;
    }

    /// <summary>The clock must fit the term: hours/minutes count in working time or around the clock, months/days in calendar time.</summary>
    private static void CheckTerm(List<string> errors, string path, TermVariant variant)
    {
        var parsed = PeriodPattern.NormalizingIso.Parse(variant.Term);
        if (!parsed.Success)
        {
            errors.Add($"{path}.term '{variant.Term}' is not an ISO-8601 duration.");
            return;
        }

        var period = parsed.Value;
        var dateUnits = period.Years != 0 || period.Months != 0 || period.Weeks != 0 || period.Days != 0;
        var timeUnits = period.HasTimeComponent;
        var fits = variant.Clock switch
        {
            DeadlineClock.SameDay => period == Period.Zero,
            DeadlineClock.Calendar => dateUnits && !timeUnits,
            DeadlineClock.WorkingTime or DeadlineClock.AroundTheClock => timeUnits && !dateUnits,
            _ => false,
        };
        if (!fits)
        {
            errors.Add($"{path}: clock '{JsonNamingPolicy.KebabCaseLower.ConvertName(variant.Clock.ToString())}' does not fit the term '{variant.Term}'.");
        }
    }

    private static void CheckDuration(List<string> errors, string path, string value)
    {
        if (!PeriodPattern.NormalizingIso.Parse(value).Success)
        {
            errors.Add($"{path} '{value}' is not an ISO-8601 duration.");
        }
    }

    private static void CheckCodes(List<string> errors, string path, IEnumerable<string> codes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!IsKebab(code))
            {
                errors.Add($"{path}: code '{code}' is not kebab-case.");
            }

            if (!seen.Add(code))
            {
                errors.Add($"{path}: code '{code}' is used twice.");
            }
        }
    }

    private static bool IsKebab(string code) => Kebab().IsMatch(code);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    [GeneratedRegex(@"^(\d+)-(\d+)$")]
    private static partial Regex SeedLines();
}

/// <summary>
/// Walks an entry's object graph and yields every text and every "source", with a JSON-like
/// path. Reflection keeps it complete when the model grows.
/// </summary>
internal static class CatalogueWalker
{
    public static IEnumerable<(string Path, CatalogueText Text)> Texts(object root) =>
        Walk(root, "").Where(n => n.Value is CatalogueText).Select(n => (n.Path, (CatalogueText)n.Value));

    public static IEnumerable<(string Path, string Source)> Sources(object root) =>
        Walk(root, "").Where(n => n.Value is string && n.Path.EndsWith(".source", StringComparison.Ordinal)).Select(n => (n.Path, (string)n.Value));

    private static IEnumerable<(string Path, object Value)> Walk(object node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case string or CatalogueText:
                yield break;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    if (item is not null)
                    {
                        foreach (var child in Walk(item, $"{path}[{index}]"))
                        {
                            yield return child;
                        }
                    }

                    index++;
                }

                yield break;
        }

        var type = node.GetType();
        if (type.Namespace != typeof(ServiceEntry).Namespace || !type.IsClass)
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(JsonIgnoreAttribute)) || property.Name == "EqualityContract")
            {
                continue;
            }

            if (property.GetValue(node) is { } value)
            {
                var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                foreach (var child in Walk(value, path.Length == 0 ? name : $"{path}.{name}"))
                {
                    yield return child;
                }
            }
        }
    }
}
