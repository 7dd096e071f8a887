using System.Text;
using Kazgov.Platform.Reference;
using Kazgov.SeedImport;

// ./build/import-seed [SEED]: regenerates reference/*.json from the order No. 362 seed and prints
// what changed. --check writes nothing and exits 1 when a file would change.
var arguments = args.ToList();
var check = arguments.Remove("--check");
string? referenceDirectory = null;
var at = arguments.IndexOf("--reference");
if (at >= 0 && at + 1 < arguments.Count)
{
    referenceDirectory = arguments[at + 1];
    arguments.RemoveRange(at, 2);
}

if (arguments.Count != 1 || arguments[0].StartsWith('-'))
{
    Console.Error.WriteLine("usage: Kazgov.SeedImport SEED_FILE [--reference DIR] [--check]");
    return 2;
}

var seed = Path.GetFullPath(arguments[0]);
if (!File.Exists(seed))
{
    Console.Error.WriteLine($"The seed file {seed} does not exist.");
    return 2;
}

referenceDirectory = Path.GetFullPath(referenceDirectory ?? Path.Combine(RepositoryRoot(), "reference"));
Directory.CreateDirectory(referenceDirectory);

var existingPath = Path.Combine(referenceDirectory, ReferenceFiles.OfficesFileName);
OfficesFile? existing = null;
try
{
    // The ids to keep (OfficeIds): the offices as the file holds them now.
    existing = File.Exists(existingPath) ? ReferenceFiles.Parse<OfficesFile>(File.ReadAllText(existingPath, Encoding.UTF8)) : null;
}
catch (InvalidDataException exception)
{
    Console.Error.WriteLine($"{existingPath} cannot be read, so its office ids cannot be kept: {exception.Message}");
    return 1;
}

IReadOnlyDictionary<string, string> files;
try
{
    files = ReferenceImport.Generate(File.ReadAllLines(seed, Encoding.UTF8), existing);
}
catch (Exception exception) when (exception is FormatException or InvalidDataException or ArgumentException)
{
    Console.Error.WriteLine($"The seed {seed} could not be imported: {exception.Message}");
    return 1;
}

var changes = new List<FileChanges>();
foreach (var (name, text) in files)
{
    var path = Path.Combine(referenceDirectory, name);
    var old = File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
    var change = ReferenceDiff.Compare("reference/" + name, old, text);
    changes.Add(change);
    if (!change.None && !check)
    {
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}

Console.WriteLine($"Imported {seed}");
foreach (var change in changes)
{
    Console.WriteLine(change);
}

if (changes.All(c => c.None))
{
    Console.WriteLine("no changes");
    return 0;
}

Console.WriteLine(check ? "The reference files differ from the seed (--check: nothing written)." : "Written: review the diff (git diff reference/) and commit it.");
return check ? 1 : 0;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Kazgov.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Kazgov.sln not found above the current folder: pass --reference DIR.");
}
