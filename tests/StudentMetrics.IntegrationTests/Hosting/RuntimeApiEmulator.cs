using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>
/// The Lambda Runtime API, locally: hands out queued invocations on <c>GET /runtime/invocation/next</c> and records what
/// the runtime posts back (responses, invocation errors, init errors), as Lambda does.
/// </summary>
public sealed class RuntimeApiEmulator : IDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:student-metrics-clean";
    private const string Prefix = "/2018-06-01/runtime/";
    private readonly HttpListener _listener = new();
    private readonly Channel<(string RequestId, string Payload, DateTimeOffset Deadline)> _pending = Channel.CreateUnbounded<(string, string, DateTimeOffset)>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeOutcome>> _outcomes = new();
    private readonly TaskCompletionSource<RuntimeOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _nextRequests;

    public RuntimeApiEmulator()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>How many times the runtime has asked for its next invocation.</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    public Task<RuntimeOutcome> InitError => _initError.Task;

    /// <summary>Queues an invocation and waits until the runtime answers it.</summary>
    public async Task<RuntimeOutcome> InvokeAsync(string payload, TimeSpan? functionTimeout = null, TimeSpan? wait = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var outcome = new TaskCompletionSource<RuntimeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outcomes[requestId] = outcome;
        await _pending.Writer.WriteAsync((requestId, payload, DateTimeOffset.UtcNow + (functionTimeout ?? TimeSpan.FromSeconds(60))));
        return await outcome.Task.WaitAsync(wait ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits until the runtime has asked for its next invocation at least <paramref name="count"/> times.</summary>
    public async Task WaitForNextRequestsAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (NextRequests < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The runtime asked for {NextRequests} invocations, not {count}, within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == Prefix + "invocation/next")
            {
                Interlocked.Increment(ref _nextRequests);
                var (requestId, payload, deadline) = await _pending.Reader.ReadAsync(_stop.Token);
                var response = context.Response;
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
                response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
                response.ContentType = "application/json";
                await WriteAsync(response, 200, payload);
                return;
            }

            var body = await new StreamReader(context.Request.InputStream, Encoding.UTF8).ReadToEndAsync();
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            if (context.Request.HttpMethod == "POST" && path == Prefix + "init/error")
            {
                _initError.TrySetResult(new RuntimeOutcome("", true, body, errorType));
                await WriteAsync(context.Response, 202, """{"status":"OK"}""");
                return;
            }

            var parts = path[Prefix.Length..].Split('/');
            if (context.Request.HttpMethod == "POST" && parts.Length == 3 && parts[0] == "invocation" && parts[2] is "response" or "error"
                && _outcomes.TryRemove(Uri.UnescapeDataString(parts[1]), out var outcome))
            {
                outcome.TrySetResult(new RuntimeOutcome(Uri.UnescapeDataString(parts[1]), parts[2] == "error", body, errorType));
                await WriteAsync(context.Response, 202, """{"status":"OK"}""");
                return;
            }

            await WriteAsync(context.Response, 400, """{"errorMessage":"unknown request","errorType":"InvalidRequestID"}""");
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
