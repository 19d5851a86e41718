namespace HiveOrleans.Moderation.Text;

/// <summary>Personal data found in the text: "email", "phone_number", "credit_card", "ip_address" or "us_ssn".</summary>
public sealed record PiiEntity(string Value, int StartIndex, int EndIndex, string Type);
