using System.Net;

namespace StudentMetrics.Aws.Json;

/// <summary>An AWS JSON-protocol service refused a call; <see cref="ErrorCode"/> is the short error type (e.g. <c>ResourceNotFoundException</c>).</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException()
    {
        ErrorCode = "";
    }

    public AwsServiceException(string message)
        : base(message)
    {
        ErrorCode = "";
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "";
    }

    public AwsServiceException(string errorCode, HttpStatusCode statusCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public string ErrorCode { get; }

    public HttpStatusCode StatusCode { get; }
}
