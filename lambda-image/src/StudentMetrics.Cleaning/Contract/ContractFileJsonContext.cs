using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>Source-generated reading of the contract files: the native-AOT image has no reflection-based JSON.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ContractFile))]
internal sealed partial class ContractFileJsonContext : JsonSerializerContext;
