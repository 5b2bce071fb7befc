namespace Autonomus.Web.Localization;

/// <summary>
/// The console's texts: <c>Strings.resx</c> (English, the fallback) and <c>Strings.es-CL.resx</c>. Keys are dotted
/// ("Leads.Title") so that a key shown instead of its text is easy to spot, by a person and by the tests.
/// </summary>
public sealed class Strings;
