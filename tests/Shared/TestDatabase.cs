namespace Kazgov.Tests;

/// <summary>
/// The real PostgreSQL database the tests run against. ./build/test creates a fresh one per run
/// and passes it in KAZGOV_TEST_CONNECTION; the default matches that script's cluster.
/// </summary>
public static class TestDatabase
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("KAZGOV_TEST_CONNECTION")
        ?? "Host=127.0.0.1;Port=5544;Database=kazgov_test;Username=postgres;Include Error Detail=true";
}
