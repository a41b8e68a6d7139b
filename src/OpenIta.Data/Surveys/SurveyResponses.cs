namespace OpenIta.Data.Surveys;

/// <summary>Responses: taking them, counting them, excluding them (never editing them).</summary>
public static partial class SurveyResponses
{
    /// <summary>The most scored items an instrument's questionnaire may have (bytes of <see cref="SurveyResponse.Answers"/>).</summary>
    public const int MaxItems = 500;
}
