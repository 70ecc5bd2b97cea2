using Grpc.Core;
using Grpc.Core.Interceptors;

namespace OciRuntime.Conformance.Cri;

/// <summary>
/// Names the CRI method in a failed call's status (a deadline exceeded says nothing else), so that a scenario's
/// diagnostic tells which call failed.
/// </summary>
sealed class CallNames : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Named(call.ResponseAsync, context.Method.Name), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    static async Task<TResponse> Named<TResponse>(Task<TResponse> response, string method)
    {
        try
        {
            return await response;
        }
        catch (RpcException e)
        {
            throw new RpcException(new Status(e.StatusCode, $"{method}: {e.Status.Detail}"), e.Trailers);
        }
    }
}
