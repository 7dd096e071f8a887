using System.Reflection;
using Kazgov.Tests;
using Kazgov.Kernel.Modules;

namespace Kazgov.Architecture.Tests;

/// <summary>
/// Keeps the modular monolith honest (DESIGN.md § Layout): a module uses of another module only its
/// published Contracts, and shows the world only its entry point and its published contracts.
/// </summary>
public sealed class ModuleBoundaryTests
{
    /// <summary>The host's one list of modules (KazgovModules.All) is the only place a module is named.</summary>
    private static readonly IReadOnlyList<IKazgovModule> HostModules = [.. ((IEnumerable<IKazgovModule>)typeof(Program).Assembly
        .GetType("Kazgov.Api.Hosting.KazgovModules")!
        .GetField("All", BindingFlags.Public | BindingFlags.Static)!
        .GetValue(null)!)];

    private static readonly string[] AllModuleNames =
        [.. HostModules.Select(module => module.GetType().Assembly.GetName().Name!).Where(name => name != "Kazgov.Platform")];

    public static TheoryData<string> ModuleAssemblies => new(AllModuleNames);

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_uses_of_another_module_only_its_published_contracts(string assemblyName)
    {
        var assembly = Load(assemblyName);
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.Should().NotContain("Kazgov.Api", "the host composes modules; modules do not know the host");

        // A module may reference another module's assembly only for its Contracts namespace
        // (e.g. citizenship §6.7 asks Kazgov.Migration.Contracts.IPermanentResidenceRegister).
        var others = AllModuleNames.Where(name => name != assemblyName).ToHashSet();
        var used = TypesUsedFrom(assembly, others);
        used.Where(type => !type.Namespace.StartsWith(type.Assembly + ".Contracts", StringComparison.Ordinal))
            .Select(type => $"{type.Assembly}: {type.Namespace}.{type.Name}")
            .Should().BeEmpty("modules talk through published contracts or integration events, never through each other's internals");
    }

    [Fact]
    public void The_contract_rule_sees_a_use_of_another_module()
    {
        // The rule above cannot pass vacuously: citizenship's use of the migration contract is found.
        TypesUsedFrom(Load("Kazgov.Citizenship"), ["Kazgov.Migration"])
            .Should().Contain(type => type.Name == "IPermanentResidenceRegister" && type.Namespace == "Kazgov.Migration.Contracts");
    }

    [Fact]
    public void The_platform_and_the_kernel_reference_no_module()
    {
        Load("Kazgov.Platform").GetReferencedAssemblies().Select(a => a.Name!).Should().NotContain(AllModuleNames);
        Load("Kazgov.Kernel").GetReferencedAssemblies().Select(a => a.Name!).Should().NotContain(AllModuleNames);
    }

    [Fact]
    public void The_kernel_knows_no_capability_of_the_platform()
    {
        Load("Kazgov.Kernel").GetReferencedAssemblies().Select(a => a.Name!).Should().NotContain("Kazgov.Platform",
            "the kernel is what every module needs; the platform's capabilities build on it, not the other way round");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_makes_public_only_its_entry_point_and_its_contracts(string assemblyName)
    {
        var assembly = Load(assemblyName);

        var exposed = assembly.GetExportedTypes()
            .Where(type => !typeof(IKazgovModule).IsAssignableFrom(type))
            .Where(type => !(type.Namespace ?? "").StartsWith(assemblyName + ".Contracts", StringComparison.Ordinal))
            .Select(type => type.FullName);

        exposed.Should().BeEmpty("everything but the entry point and {0}.Contracts stays internal", assemblyName);
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void A_module_has_one_entry_point_that_the_host_runs(string assemblyName)
    {
        var entryPoints = Load(assemblyName).GetExportedTypes().Where(typeof(IKazgovModule).IsAssignableFrom).ToList();
        entryPoints.Should().ContainSingle();

        HostModules.Select(module => module.GetType()).Should().Contain(entryPoints[0]);
    }

    [Fact]
    public void Every_module_owns_a_schema_of_its_own()
    {
        var hostModules = HostModules;
        hostModules.Select(module => module.Schema).Should().OnlyHaveUniqueItems();
        hostModules.SelectMany(module => module.ServiceCodes).Should().BeEquivalentTo(
        [
            "driver-licence", "residence-permit", "temporary-registration", "permanent-residence", "citizenship",
            "weapon-registration", "vehicle-registration", "proxy-driver-registration", "address-certificate",
        ], "each of the nine service codes of DESIGN.md belongs to exactly one module");
    }

    [Fact]
    public void Every_module_project_under_modules_is_run_by_the_host()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "modules"))
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Select(Path.GetFileName)
            .Where(name => name is not ("Kazgov.Platform" or "Kazgov.Kernel"));

        AllModuleNames.Should().BeEquivalentTo(projects, "a module project the host does not list would build and never run");
    }

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    /// <summary>The types an assembly's metadata references from the named assemblies (by their type references).</summary>
    private static List<(string Assembly, string Namespace, string Name)> TypesUsedFrom(Assembly assembly, HashSet<string> assemblies)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var used = new List<(string, string, string)>();
        foreach (var handle in reader.TypeReferences)
        {
            var reference = reader.GetTypeReference(handle);
            var scope = reference.ResolutionScope;
            // Nested types resolve through their declaring type; walk up to the assembly.
            while (scope.Kind == System.Reflection.Metadata.HandleKind.TypeReference)
            {
                reference = reader.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)scope);
                scope = reference.ResolutionScope;
            }

            if (scope.Kind != System.Reflection.Metadata.HandleKind.AssemblyReference)
            {
                continue;
            }

            var target = reader.GetString(reader.GetAssemblyReference((System.Reflection.Metadata.AssemblyReferenceHandle)scope).Name);
            if (assemblies.Contains(target))
            {
                used.Add((target, reader.GetString(reference.Namespace), reader.GetString(reference.Name)));
            }
        }

        return used;
    }
}
