using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudentMetrics.IntegrationTests.Dashboards;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol: open a page, collect console errors and uncaught
/// exceptions, evaluate script, take a full-page screenshot. Installs the package on first use when running as root.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profileDir;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _receiveLoop;
    private int _nextId;

    private HeadlessChromium(Process process, string profileDir)
    {
        _process = process;
        _profileDir = profileDir;
    }

    /// <summary>Console errors, failed loads and uncaught exceptions seen since the browser started.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<HeadlessChromium> StartAsync(int width, int height)
    {
        await EnsureInstalledAsync();
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                     "--hide-scrollbars", $"--window-size={width},{height}", "about:blank",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync(width, height);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task OpenAsync(string url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates an expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException("script failed: " + exception.ToJsonString());
        }

        return result["result"]?["value"];
    }

    public async Task ScreenshotAsync(string path, int width)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics", []);
        var height = Math.Ceiling(metrics["cssContentSize"]!["height"]!.GetValue<double>());
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profileDir, recursive: true);
        }
        catch (IOException)
        {
            // A crash handler may still hold a file; the temp directory is disposable.
        }
    }

    // make test installs it beforehand and says so (ops/local/check-prereqs.sh chromium); a test never installs anything.
    private static Task EnsureInstalledAsync() =>
        File.Exists(Executable)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"{Executable} is missing. 'make test' installs Debian's Chromium when it runs as root; otherwise: sudo apt-get install -y chromium");

    private async Task ConnectAsync(int width, int height)
    {
        var port = await ReadDevToolsPortAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => t!["type"]!.GetValue<string>() == "page")!;
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), _stop.Token);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        await SendAsync("Runtime.enable", []);
        await SendAsync("Log.enable", []);
        await SendAsync("Page.enable", []);
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });
    }

    private async Task<int> ReadDevToolsPortAsync()
    {
        const string marker = "DevTools listening on ws://127.0.0.1:";
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = line[(at + marker.Length)..];
                var port = int.Parse(rest[..rest.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                _ = _process.StandardError.ReadToEndAsync(); // keep draining so the browser never blocks on a full pipe
                _ = _process.StandardOutput.ReadToEndAsync();
                return port;
            }
        }

        throw new InvalidOperationException("chromium exited before opening its DevTools port");
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return result;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                Dispatch(JsonNode.Parse(message.ToArray())!);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The browser is being shut down.
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("the DevTools connection closed"));
            }
        }
    }

    private void Dispatch(JsonNode message)
    {
        if (message["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out var reply))
        {
            if (message["error"] is { } error)
            {
                reply.TrySetException(new InvalidOperationException("DevTools error: " + error.ToJsonString()));
            }
            else
            {
                reply.TrySetResult(message["result"] ?? new JsonObject());
            }

            return;
        }

        var parameters = message["params"];
        var method = message["method"]?.GetValue<string>();
        if (method == "Page.loadEventFired")
        {
            _loaded.TrySetResult();
        }
        else if (method == "Runtime.exceptionThrown")
        {
            Errors.Enqueue("exception: " + parameters?["exceptionDetails"]?.ToJsonString());
        }
        else if (method == "Runtime.consoleAPICalled" && (string?)parameters?["type"] is "error" or "assert")
        {
            Errors.Enqueue("console: " + parameters?["args"]?.ToJsonString());
        }
        else if (method == "Log.entryAdded" && (string?)parameters?["entry"]?["level"] == "error")
        {
            Errors.Enqueue("log: " + (string?)parameters?["entry"]?["text"]);
        }
    }
}
