namespace HiveOrleans.Tests.Review;

public sealed class ReviewDeskOnPostgresTests(PostgresReviewDeskFixture desk) : ReviewDeskContract<PostgresReviewDeskFixture>(desk);
