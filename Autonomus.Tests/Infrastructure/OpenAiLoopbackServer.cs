using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Autonomus.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a loopback port that answers the OpenAI chat-completions wire format, scripted per test:
/// each request takes the next scripted reply (a tool call, a message, an error status, a stall). Every request
/// body is kept, so tests can read what the client really sent. Not a mock of any client library.
/// </summary>
public sealed class OpenAiLoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OpenAiLoopbackServer()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint to configure, ending in /v1/.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public sealed record Reply(int Status, string Body, TimeSpan Delay = default);

    public OpenAiLoopbackServer ThenToolCall(string function, string arguments, int promptTokens = 120, int completionTokens = 40) =>
        Then(new Reply(200, Completion(new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{Guid.NewGuid():N}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = function, ["arguments"] = arguments },
            }),
        }, "tool_calls", promptTokens, completionTokens)));

    public OpenAiLoopbackServer ThenMessage(string content, int promptTokens = 120, int completionTokens = 40) =>
        Then(new Reply(200, Completion(new JsonObject { ["role"] = "assistant", ["content"] = content }, "stop", promptTokens, completionTokens)));

    public OpenAiLoopbackServer ThenStatus(int status) =>
        Then(new Reply(status, """{"error":{"message":"scripted failure","type":"server_error"}}"""));

    public OpenAiLoopbackServer ThenStall(TimeSpan delay) => Then(new Reply(200, "{}", delay));

    public OpenAiLoopbackServer Then(Reply reply)
    {
        _script.Enqueue(reply);
        return this;
    }

    private static string Completion(JsonObject message, string finish, int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "loopback-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = promptTokens,
            ["completion_tokens"] = completionTokens,
            ["total_tokens"] = promptTokens + completionTokens,
        },
    }.ToJsonString();

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var body = await reader.ReadToEndAsync();
                if (JsonNode.Parse(body) is JsonObject request)
                {
                    request["__path"] = context.Request.Url?.AbsolutePath;
                    request["__api_key_header"] = context.Request.Headers["api-key"];
                    Requests.Enqueue(request);
                }
            }
            var reply = _script.TryDequeue(out var next) ? next : new Reply(500, """{"error":{"message":"no scripted reply left"}}""");
            if (reply.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(reply.Delay, _stop.Token); } catch (OperationCanceledException) { }
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (HttpListenerException) { /* the client gave up (a timeout test) */ }
        catch (ObjectDisposedException) { }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { /* stopping */ }
        _stop.Dispose();
    }
}
