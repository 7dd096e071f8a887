using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kazgov.Api.Tests.GeneratedClient.Sdk;

/// <summary>
/// NSwag's extension point: enums inside arrays get no converter attribute from the generator, so the
/// string converter is added for all (it honours the generated JsonStringEnumMemberName names).
/// </summary>
public partial class KazgovClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter());
}
