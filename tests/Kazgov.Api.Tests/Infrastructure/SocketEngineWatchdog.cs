using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Kazgov.Tests;

namespace Kazgov.Api.Tests.Infrastructure;

/// <summary>
/// Watches the socket engine threads of this test process, which runs with inline socket completions
/// (api-tests.runsettings), as the host does: a blocked engine thread stalls every connection it serves,
/// which shows as a host start or a request timing out in some unrelated test. Five times a second a
/// byte goes over each of eight loopback sockets (spread over the engine threads) and must arrive within
/// <see cref="StallAfter"/>; when one does not, the stall and the stacks of every thread (dotnet-stack,
/// a local tool of the repository) go to socket-stalls.txt in KAZGOV_TEST_RESULTS (build/test prints it).
/// A report, not a test: the test that met the stall fails on its own.
/// </summary>
internal static class SocketEngineWatchdog
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(3);

#pragma warning disable CA2255 // The watch begins with the test process, before the first socket of any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Start()
    {
        var folder = Environment.GetEnvironmentVariable("KAZGOV_TEST_RESULTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        new Thread(() => Watch(Path.Combine(folder, "socket-stalls.txt"))) { IsBackground = true, Name = "socket-engine-watchdog" }.Start();
    }

    private static void Watch(string report)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var pairs = new List<(Socket Client, Socket Server)>();
        for (var i = 0; i < 8; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndpoint);
            pairs.Add((client, listener.AcceptSocket()));
        }

        var buffer = new byte[1];
        var dumped = false;
        while (true)
        {
            Thread.Sleep(200);
            foreach (var (client, server) in pairs)
            {
                // The receive waits first, so that its completion comes from the engine thread.
                var receive = client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask();
                server.Send([1]);
                var watch = Stopwatch.StartNew();
                if (receive.Wait(StallAfter))
                {
                    continue;
                }

                File.AppendAllText(report, $"{DateTime.UtcNow:O} a socket engine thread has not answered for {StallAfter.TotalSeconds:0} s\n");
                if (!dumped)
                {
                    dumped = true; // the first stall's stacks tell the story; later ones are only counted
                    File.AppendAllText(report, Stacks() + "\n");
                }

                receive.Wait();
                File.AppendAllText(report, $"{DateTime.UtcNow:O} it answered after {watch.Elapsed.TotalSeconds:0.0} s\n");
            }
        }
    }

    private static string Stacks()
    {
        try
        {
            using var dump = Process.Start(new ProcessStartInfo("dotnet", $"tool run dotnet-stack report -p {Environment.ProcessId}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = RepositoryPaths.Root,
            })!;
            var stacks = dump.StandardOutput.ReadToEnd() + dump.StandardError.ReadToEnd();
            dump.WaitForExit();
            return stacks;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return $"(no stacks: {exception.Message})";
        }
    }
}
