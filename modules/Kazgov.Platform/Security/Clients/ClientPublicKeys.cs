using System.Text.Json;
using System.Text.Json.Serialization;
using Kazgov.Kernel.Localization;
using Kazgov.Kernel.Problems;

namespace Kazgov.Platform.Security.Clients;

/// <summary>
/// Checks and stores a private_key_jwt client's public keys (a JWK Set, RFC 7517). Only public
/// keys are taken: a key with a private part ("d") is refused, since it must never leave the agency.
/// </summary>
internal static class ClientPublicKeys
{
    public const int MaxKeys = 5;
    private const int MinRsaModulusBytes = 256;
    private static readonly string[] Curves = ["P-256", "P-384", "P-521"];
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The key set as JSON to store, or null when absent (or invalid: then errors says why).</summary>
    public static string? Check(ClientPublicKeySet? set, ValidationErrors errors, bool required)
    {
        if (set is null)
        {
            if (required)
            {
                errors.Add("jwks", CommonMessages.Required);
            }

            return null;
        }

        var keys = set.Keys ?? [];
        if (keys.Count is 0 or > MaxKeys)
        {
            errors.Add("jwks.keys", new LocalizedText(
                $"1-ден {MaxKeys}-ке дейін ашық кілт", $"От 1 до {MaxKeys} открытых ключей", $"1 to {MaxKeys} public keys"));
            return null;
        }

        var valid = true;
        var kids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var problem = ProblemOf(keys[i]);
            if (problem is null && keys[i].Kid is { Length: > 0 } kid && !kids.Add(kid))
            {
                problem = new LocalizedText("kid қайталанады", "kid повторяется", "The kid is used twice");
            }

            if (problem is not null)
            {
                errors.Add($"jwks.keys[{i}]", problem);
                valid = false;
            }
        }

        return valid
            ? JsonSerializer.Serialize(new StoredSet(keys.Select(key => new StoredKey(key.Kty!, key.Kid, key.Alg, key.Use, key.N, key.E, key.Crv, key.X, key.Y)).ToList()), Json)
            : null;
    }

    /// <summary>The ids (kid) of the stored keys; "" for a key without one.</summary>
    public static IReadOnlyList<string> IdsOf(string? storedJson)
    {
        if (storedJson is null)
        {
            return [];
        }

        var set = JsonSerializer.Deserialize<StoredSet>(storedJson, Json);
        return set?.Keys.Select(key => key.Kid ?? "").ToList() ?? [];
    }

    private static LocalizedText? ProblemOf(ClientPublicKey key)
    {
        if (key.D is not null)
        {
            return new LocalizedText(
                "Бұл жабық кілт (d бар): тек ашық бөлігін жіберіңіз, жабық кілт агенттіктен шықпауы керек",
                "Это закрытый ключ (есть d): передайте только открытую часть, закрытый ключ не должен покидать ведомство",
                "This is a private key (it has d): send only the public part; a private key must not leave the agency");
        }

        if (key.Use is not null && key.Use != "sig")
        {
            return new LocalizedText("use тек sig болады", "use может быть только sig", "use can only be sig");
        }

        switch (key.Kty)
        {
            case "RSA":
                var modulus = Base64Url(key.N);
                if (modulus is null || Base64Url(key.E) is null)
                {
                    return new LocalizedText("RSA кілтіне n мен e керек (base64url)", "RSA-ключу нужны n и e (base64url)", "An RSA key needs n and e (base64url)");
                }

                return modulus.TrimStart((byte)0).Length < MinRsaModulusBytes
                    ? new LocalizedText("RSA кілті кемінде 2048 бит", "RSA-ключ не короче 2048 бит", "An RSA key must be at least 2048 bits")
                    : null;
            case "EC":
                return Curves.Contains(key.Crv) && Base64Url(key.X) is not null && Base64Url(key.Y) is not null
                    ? null
                    : new LocalizedText(
                        "EC кілтіне crv (P-256, P-384, P-521), x және y керек",
                        "EC-ключу нужны crv (P-256, P-384, P-521), x и y",
                        "An EC key needs crv (P-256, P-384, P-521), x and y");
            default:
                return new LocalizedText("kty: RSA немесе EC", "kty: RSA или EC", "kty: RSA or EC");
        }
    }

    private static byte[]? Base64Url(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record StoredSet([property: JsonPropertyName("keys")] List<StoredKey> Keys);

    private sealed record StoredKey(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("kid")] string? Kid,
        [property: JsonPropertyName("alg")] string? Alg,
        [property: JsonPropertyName("use")] string? Use,
        [property: JsonPropertyName("n")] string? N,
        [property: JsonPropertyName("e")] string? E,
        [property: JsonPropertyName("crv")] string? Crv,
        [property: JsonPropertyName("x")] string? X,
        [property: JsonPropertyName("y")] string? Y);
}
