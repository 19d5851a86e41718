namespace HiveOrleans.Tests.Review;

public sealed class ReviewDecisionOnPostgresTests(PostgresReviewDeskFixture desk) : ReviewDecisionContract<PostgresReviewDeskFixture>(desk);
