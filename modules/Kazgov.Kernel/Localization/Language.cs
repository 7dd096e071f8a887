namespace Kazgov.Kernel.Localization;

/// <summary>The three languages every user-facing text of the platform is written in.</summary>
public enum Language
{
    Kk,
    Ru,
    En,
}

public static class LanguageCodes
{
    public static string ToCode(this Language language) => language switch
    {
        Language.Kk => "kk",
        Language.Ru => "ru",
        _ => "en",
    };

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "kk": language = Language.Kk; return true;
            case "ru": language = Language.Ru; return true;
            case "en": language = Language.En; return true;
            default: language = Language.Kk; return false;
        }
    }

    /// <summary>
    /// Picks the caller's language from an Accept-Language header (quality values honoured,
    /// region subtags ignored). Kazakh is the state language and the default.
    /// </summary>
    public static Language FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Language.Kk;
        }

        var best = Language.Kk;
        var bestQuality = -1.0;
        foreach (var part in header.Split(','))
        {
            var pieces = part.Split(';');
            var tag = pieces[0].Trim();
            var primary = tag.Split('-')[0];
            if (!TryParse(primary, out var language))
            {
                continue;
            }

            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                var kv = parameter.Trim();
                if (kv.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(kv[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            if (quality > bestQuality)
            {
                best = language;
                bestQuality = quality;
            }
        }

        return best;
    }
}
