using System.Text.Json;
using HiveOrleans.Cli.Http;

namespace HiveOrleans.Cli.Parsing;

/// <summary>
/// A command is one call to the operator API: its arguments become a request (or a usage error, before anything is
/// sent), and the answer is rendered for a person unless <c>--json</c> asks for the body itself. A list longer than
/// the API takes at once (<c>banks add --file</c>) is one call of several requests, answered as one.
/// </summary>
internal sealed record CommandDefinition(
    string Name,
    string Summary,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<OptionDefinition> Options,
    Func<CommandArguments, IApiCall> BuildCall,
    Action<JsonElement, TextWriter> Render)
{
    public string Usage =>
        string.Join(' ', new[] { "hiveorleans", Name }.Concat(Arguments).Append(Options.Count > 0 ? "[options]" : string.Empty)).TrimEnd();
}
