using System.Text.Json;
using Kazgov.Kernel.Http;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Applications;

/// <summary>Reads an application's module data into a module's typed record.</summary>
public static class ModuleData
{
    private static readonly LocalizedText Malformed = new(
        "Мәннің түрі қате",
        "Неверный тип значения",
        "The value has the wrong type");

    /// <summary>
    /// Deserialises <paramref name="data"/>; a value of the wrong shape becomes a field error naming
    /// the field (under <paramref name="path"/>) and the result is null, never an exception — so a
    /// malformed <c>moduleData</c> is a 400 problem, not a 500.
    /// </summary>
    public static T? Read<T>(JsonElement data, string path, ValidationErrors errors)
        where T : class
    {
        if (data.ValueKind is not JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "body" : path, Malformed);
            return null;
        }

        try
        {
            return data.Deserialize<T>(PlatformJson.Options);
        }
        catch (JsonException exception)
        {
            errors.Add(FieldOf(path, exception.Path), Malformed);
            return null;
        }
    }

    /// <summary>"$.categories[0]" under "moduleData" → "moduleData.categories[0]".</summary>
    private static string FieldOf(string path, string? jsonPath)
    {
        var inner = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return (path, inner) switch
        {
            ("", "") => "body",
            ("", _) => inner,
            (_, "") => path,
            _ => path + "." + inner,
        };
    }
}
